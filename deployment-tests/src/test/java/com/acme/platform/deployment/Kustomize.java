package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory without Kustomize, for machines without {@code kubectl}: only the subset
 * deploy/kubernetes uses (resources, namespace, images, patches as strategic merge or JSON 6902 with a target,
 * secretGenerator with generatorOptions). Any other field of a kustomization.yaml fails the rendering, so a manifest
 * change that needs more is noticed here, not in a cluster. Where {@code kubectl} is installed,
 * KubernetesManifestTests checks that this rendering equals {@code kubectl kustomize}.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "images",
            "patches", "secretGenerator", "generatorOptions");
    /** Lists a strategic merge patch merges by {@code name} in built-in kinds; every other list is replaced. */
    private static final Set<String> MERGED_BY_NAME = Set.of("containers", "initContainers", "env", "volumes",
            "volumeMounts");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        JsonNode k = Yaml.parse(RepositoryFiles.read(file));
        k.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalStateException(file + ": `" + field + "` is outside the subset Kustomize.java renders");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                objects.addAll(parseAll(RepositoryFiles.read(path)));
            }
        }
        for (JsonNode generator : k.path("secretGenerator")) {
            objects.add(secret(generator, k.path("generatorOptions")));
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(directory, patch, objects);
        }
        if (k.hasNonNull("namespace")) {
            String namespace = k.get("namespace").asText();
            for (ObjectNode o : objects) {
                if (!CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                    ((ObjectNode) o.get("metadata")).put("namespace", namespace);
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            objects.forEach(o -> setImages(o, image));
        }
        return objects;
    }

    static List<ObjectNode> parseAll(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
        List<ObjectNode> result = new ArrayList<>();
        for (Object document : yaml.loadAll(text)) {
            if (document != null) {
                result.add((ObjectNode) Yaml.JSON.valueToTree(document));
            }
        }
        return result;
    }

    /** {@code kubectl kustomize DIR}, or null when kubectl is not on the PATH. */
    static List<ObjectNode> renderWithKubectl(Path directory) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed");
            }
            return parseAll(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;   // no kubectl
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String id(JsonNode o) {
        return o.path("apiVersion").asText() + "/" + o.path("kind").asText() + " "
                + o.path("metadata").path("namespace").asText("-") + "/" + o.path("metadata").path("name").asText();
    }

    private static ObjectNode secret(JsonNode generator, JsonNode options) {
        ObjectNode secret = Yaml.JSON.createObjectNode();
        secret.put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode metadata = secret.putObject("metadata");
        metadata.put("name", generator.path("name").asText());
        if (options.has("labels")) {
            metadata.set("labels", options.get("labels").deepCopy());
        }
        if (!options.path("disableNameSuffixHash").asBoolean()) {
            throw new IllegalStateException("secretGenerator needs generatorOptions.disableNameSuffixHash: true here");
        }
        ObjectNode data = secret.putObject("data");
        for (JsonNode literal : generator.path("literals")) {
            String[] kv = literal.asText().split("=", 2);
            data.put(kv[0], Base64.getEncoder().encodeToString(kv[1].getBytes(StandardCharsets.UTF_8)));
        }
        secret.put("type", generator.path("type").asText("Opaque"));
        return secret;
    }

    private static void applyPatch(Path directory, JsonNode patch, List<ObjectNode> objects) {
        String text = patch.has("path") ? RepositoryFiles.read(directory.resolve(patch.get("path").asText()))
                : patch.path("patch").asText();
        JsonNode target = patch.path("target");
        List<ObjectNode> documents = parseAllOrList(text);
        if (documents == null) {   // a YAML list: JSON 6902 operations on every target
            ArrayNode operations = (ArrayNode) Yaml.parse(text);
            List<ObjectNode> matched = objects.stream().filter(o -> matches(o, target)).toList();
            if (matched.isEmpty()) {
                throw new IllegalStateException("patch matches nothing: " + target);
            }
            matched.forEach(o -> operations.forEach(op -> jsonPatch(o, op)));
            return;
        }
        for (ObjectNode document : documents) {
            List<ObjectNode> matched = objects.stream().filter(o -> target.isMissingNode() ? sameObject(o, document)
                    : matches(o, target)).toList();
            if (matched.isEmpty()) {
                throw new IllegalStateException("patch matches nothing: " + id(document));
            }
            boolean builtIn = !document.path("apiVersion").asText().contains(".")
                    || document.path("apiVersion").asText().startsWith("networking.k8s.io/");
            matched.forEach(o -> merge(o, document, builtIn));
        }
    }

    private static List<ObjectNode> parseAllOrList(String text) {
        List<ObjectNode> result = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        for (Object document : new org.yaml.snakeyaml.Yaml(new SafeConstructor(options)).loadAll(text)) {
            if (document instanceof List<?>) {
                return null;
            }
            if (document != null) {
                result.add((ObjectNode) Yaml.JSON.valueToTree(document));
            }
        }
        return result;
    }

    private static boolean sameObject(JsonNode o, JsonNode patch) {
        return o.path("kind").asText().equals(patch.path("kind").asText())
                && o.path("metadata").path("name").asText().equals(patch.path("metadata").path("name").asText());
    }

    private static boolean matches(JsonNode o, JsonNode target) {
        if (target.has("kind") && !target.get("kind").asText().equals(o.path("kind").asText())) {
            return false;
        }
        if (target.has("name") && !target.get("name").asText().equals(o.path("metadata").path("name").asText())) {
            return false;
        }
        if (target.has("labelSelector")) {
            for (String requirement : target.get("labelSelector").asText().split(",")) {
                String[] kv = requirement.trim().split("=", 2);
                if (!kv[1].equals(o.path("metadata").path("labels").path(kv[0]).asText(null))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Strategic merge as far as these manifests need it: maps merge, named lists of built-in kinds merge by name. */
    private static void merge(ObjectNode into, JsonNode patch, boolean builtIn) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                into.remove(field.getKey());
            } else if (existing instanceof ObjectNode target && value.isObject()) {
                merge(target, value, builtIn);
            } else if (builtIn && existing instanceof ArrayNode list && value.isArray()
                    && MERGED_BY_NAME.contains(field.getKey())) {
                for (JsonNode item : value) {
                    ObjectNode same = null;
                    for (JsonNode candidate : list) {
                        if (candidate.path("name").equals(item.path("name"))) {
                            same = (ObjectNode) candidate;
                        }
                    }
                    if (same != null) {
                        merge(same, item, true);
                    } else {
                        list.add(item.deepCopy());
                    }
                }
            } else {
                into.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static void jsonPatch(ObjectNode o, JsonNode operation) {
        String op = operation.path("op").asText();
        String[] path = operation.path("path").asText().substring(1).split("/");
        JsonNode parent = o;
        for (int i = 0; i < path.length - 1; i++) {
            String segment = unescape(path[i]);
            parent = parent.isArray() ? parent.get(Integer.parseInt(segment)) : parent.get(segment);
            if (parent == null) {
                throw new IllegalStateException("JSON patch path not found in " + id(o) + ": " + operation);
            }
        }
        String last = unescape(path[path.length - 1]);
        if (!op.equals("add") && !op.equals("replace")) {
            throw new IllegalStateException("JSON patch op outside the subset: " + op);
        }
        if (op.equals("replace") && !parent.has(last)) {
            throw new IllegalStateException("JSON patch replaces a missing field in " + id(o) + ": " + operation);
        }
        if (parent instanceof ObjectNode object) {
            object.set(last, operation.get("value").deepCopy());
        } else {
            throw new IllegalStateException("JSON patch into a list is outside the subset: " + operation);
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private static void setImages(JsonNode node, JsonNode image) {
        if (node instanceof ObjectNode object) {
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode container : object.path(list)) {
                    String current = container.path("image").asText();
                    String name = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                    if (name.equals(image.path("name").asText())) {
                        String tag = image.has("newTag") ? image.get("newTag").asText()
                                : current.substring(name.length() + 1);
                        ((ObjectNode) container).put("image", image.path("newName").asText(name) + ":" + tag);
                    }
                }
            }
            object.forEach(child -> setImages(child, image));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> setImages(child, image));
        }
    }

    /** For comparing two renderings: objects by id, named lists sorted by name (Kustomize reorders merged ones). */
    static Map<String, JsonNode> normalized(List<ObjectNode> objects) {
        Map<String, JsonNode> result = new TreeMap<>();
        for (ObjectNode o : objects) {
            result.put(id(o), sortNamedLists(o.deepCopy()));
        }
        return result;
    }

    private static JsonNode sortNamedLists(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> object.set(e.getKey(), sortNamedLists(e.getValue())));
        } else if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(item -> items.add(sortNamedLists(item)));
            if (items.stream().allMatch(i -> i.has("name"))) {
                items.sort((a, b) -> a.get("name").asText().compareTo(b.get("name").asText()));
            }
            array.removeAll();
            items.forEach(array::add);
        }
        return node;
    }

}
