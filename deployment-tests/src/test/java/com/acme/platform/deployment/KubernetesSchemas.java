package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The vendored schemas of deploy/kubernetes/schemas (see its README): the Kubernetes OpenAPI definitions of a
 * pinned release and the CRDs of the pinned operators, made strict on load: every object schema that lists its
 * properties and says nothing about others rejects unknown fields (the API server prunes or rejects them; a typo
 * in a manifest would silently do nothing). Int-or-string and quantity fields accept both forms.
 */
final class KubernetesSchemas {

    private static final String K8S_DEFINITIONS = "kubernetes-1.34/definitions.json";
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private final ObjectNode definitions;
    private final Map<String, JsonSchema> byApiVersionKind = new HashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    KubernetesSchemas(Path schemasDirectory) {
        this.definitions = (ObjectNode) read(schemasDirectory.resolve(K8S_DEFINITIONS)).path("definitions");
        definitions.forEach(KubernetesSchemas::strict);
        ((ObjectNode) definitions.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString")).remove("format");
        ((ObjectNode) definitions.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString")).set("type", types("string", "integer"));
        ((ObjectNode) definitions.get("io.k8s.apimachinery.pkg.api.resource.Quantity")).set("type", types("string", "number"));
        definitions.fields().forEachRemaining(e -> {
            for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = (group.isEmpty() ? "" : group + "/") + gvk.path("version").asText();
                byApiVersionKind.put(apiVersion + " " + gvk.path("kind").asText(), schema(ref(e.getKey())));
            }
        });
        try (Stream<Path> files = Files.walk(schemasDirectory)) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(this::addCrd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Violations of one object, each prefixed with its id; an object of a kind without schema is one. */
    List<String> validate(JsonNode object) {
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        JsonSchema schema = byApiVersionKind.get(key);
        List<String> violations = new ArrayList<>();
        if (schema == null) {
            violations.add(Kustomize.id(object) + ": no vendored schema for " + key);
            return violations;
        }
        for (ValidationMessage message : schema.validate(object)) {
            violations.add(Kustomize.id(object) + ": " + message.getMessage());
        }
        return violations;
    }

    private void addCrd(Path file) {
        for (ObjectNode crd : Kustomize.parseAll(RepositoryFiles.read(file))) {
            JsonNode spec = crd.path("spec");
            for (JsonNode version : spec.path("versions")) {
                if (!version.path("served").asBoolean()) {
                    continue;
                }
                ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                crdStrict(schema);
                // CRDs describe metadata as any object; the API server checks it as ObjectMeta, and so does this.
                ((ObjectNode) schema.path("properties")).set("metadata", Yaml.JSON.createObjectNode()
                        .put("$ref", "#/definitions/" + OBJECT_META));
                String apiVersion = spec.path("group").asText() + "/" + version.path("name").asText();
                byApiVersionKind.put(apiVersion + " " + spec.path("names").path("kind").asText(), schema(schema));
            }
        }
    }

    private JsonSchema schema(ObjectNode root) {
        ObjectNode document = root.deepCopy();
        document.put("$schema", "http://json-schema.org/draft-07/schema#");
        document.set("definitions", definitions);
        return factory.getSchema(document);
    }

    private static ObjectNode ref(String definition) {
        return Yaml.JSON.createObjectNode().put("$ref", "#/definitions/" + definition);
    }

    private static ArrayNode types(String... types) {
        ArrayNode array = Yaml.JSON.createArrayNode();
        for (String t : types) {
            array.add(t);
        }
        return array;
    }

    /** Swagger 2 definitions: objects with properties and no additionalProperties become closed. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(KubernetesSchemas::strict);
        } else if (node instanceof ArrayNode array) {
            array.forEach(KubernetesSchemas::strict);
        }
    }

    /** Structural CRD schemas: the same, except where the CRD preserves unknown fields; int-or-string as both. */
    private static void crdStrict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("x-kubernetes-int-or-string").asBoolean()) {
                object.remove("type");
                object.set("type", types("string", "integer"));
            }
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                object.put("additionalProperties", false);
            }
            object.forEach(KubernetesSchemas::crdStrict);
        } else if (node instanceof ArrayNode array) {
            array.forEach(KubernetesSchemas::crdStrict);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Yaml.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
