package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/kubernetes, rendered (Kustomize.java, the subset the manifests use; equal to `kubectl kustomize` where
 * kubectl is installed) and checked offline: every object against the vendored schema of its kind (Kubernetes
 * 1.34, CloudNativePG 1.30.0, Strimzi 1.2.0, cert-manager 1.21.1), unknown fields rejected; then the platform's
 * own rules (pod security, probes, shutdown, secrets by reference, replicas and partitions).
 */
class KubernetesManifestTests {

    static final List<String> OVERLAYS = List.of("dev", "production");
    static Path root;
    static KubernetesSchemas schemas;

    @BeforeAll
    static void load() {
        root = RepositoryFiles.root();
        schemas = new KubernetesSchemas(root.resolve("deploy/kubernetes/schemas"));
    }

    static List<ObjectNode> render(String overlay) {
        return Kustomize.render(root.resolve("deploy/kubernetes/overlays").resolve(overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyObjectMatchesTheSchemaOfItsKind(String overlay) {
        List<ObjectNode> objects = render(overlay);
        List<String> violations = new ArrayList<>();
        objects.forEach(o -> violations.addAll(schemas.validate(o)));

        assertThat(objects).hasSizeGreaterThan(30);
        assertThat(violations).as(overlay + " schema violations").isEmpty();
    }

    @Test
    void aTypoInAFieldNameIsRejectedBySchema() {
        ObjectNode deployment = find(render("production"), "Deployment", "order-service");
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").path(0))
                .putObject("readinesProbe");
        ObjectNode topic = find(render("production"), "KafkaTopic", "orders");
        ((ObjectNode) topic.path("spec")).put("partition", 3);

        assertThat(schemas.validate(deployment)).anyMatch(v -> v.contains("readinesProbe"));
        assertThat(schemas.validate(topic)).anyMatch(v -> v.contains("partition"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theRenderingEqualsKubectlKustomizeWhereKubectlIsInstalled(String overlay) {
        Path directory = root.resolve("deploy/kubernetes/overlays").resolve(overlay);
        List<ObjectNode> kubectl = Kustomize.renderWithKubectl(directory);
        assumeTrue(kubectl != null, "kubectl is not installed: the Java rendering alone is checked");

        assertThat(Kustomize.normalized(Kustomize.render(directory))).isEqualTo(Kustomize.normalized(kubectl));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyPodIsHardenedProbedAndShutsDownGracefully(String overlay) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode o : render(overlay)) {
            JsonNode pod = switch (o.path("kind").asText()) {
                case "Deployment", "Job" -> o.path("spec").path("template").path("spec");
                default -> null;
            };
            if (pod == null) {
                continue;
            }
            String id = Kustomize.id(o);
            JsonNode podSecurity = pod.path("securityContext");
            if (!podSecurity.path("runAsNonRoot").asBoolean()
                    || !podSecurity.path("seccompProfile").path("type").asText().equals("RuntimeDefault")) {
                violations.add(id + ": pod not runAsNonRoot with seccomp RuntimeDefault");
            }
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            for (JsonNode c : containers) {
                JsonNode sc = c.path("securityContext");
                if (sc.path("allowPrivilegeEscalation").asBoolean(true) || !sc.path("readOnlyRootFilesystem").asBoolean()
                        || !sc.path("capabilities").path("drop").toString().equals("[\"ALL\"]")) {
                    violations.add(id + " " + c.path("name").asText() + ": not hardened");
                }
                if (!c.path("resources").path("requests").has("cpu") || !c.path("resources").path("limits").has("memory")) {
                    violations.add(id + " " + c.path("name").asText() + ": no cpu request or memory limit");
                }
                c.path("env").forEach(e -> {
                    String name = e.path("name").asText();
                    if (e.has("value") && name.matches(".*(PASSWORD|SECRET|API_KEY).*")) {
                        violations.add(id + ": " + name + " inlined; reference a Secret");
                    }
                });
            }
            boolean javaService = o.path("kind").asText().equals("Deployment")
                    && !o.path("metadata").path("name").asText().equals("redis");
            if (javaService) {
                JsonNode c = pod.path("containers").path(0);
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (!c.path(probe).path("httpGet").path("path").asText().startsWith("/actuator/health/")) {
                        violations.add(id + ": " + probe + " not on an actuator health group");
                    }
                }
                int preStop = c.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt();
                int shutdownPhase = 20;   // spring.lifecycle.timeout-per-shutdown-phase, platform-defaults.yml
                if (preStop < 5 || pod.path("terminationGracePeriodSeconds").asInt() <= preStop + shutdownPhase) {
                    violations.add(id + ": terminationGracePeriodSeconds must exceed preStop + Spring's 20 s shutdown phase");
                }
                boolean tmp = false;
                for (JsonNode m : c.path("volumeMounts")) {
                    tmp |= m.path("mountPath").asText().equals("/tmp");
                }
                if (!tmp) {
                    violations.add(id + ": no writable /tmp beside the read-only root filesystem");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyNamespacedObjectIsInThePlatformNamespaceAndEverySecretIsReferencedNotInlined(String overlay) {
        List<ObjectNode> objects = render(overlay);
        assertThat(objects).filteredOn(o -> !o.path("kind").asText().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText()).as(Kustomize.id(o)).isEqualTo("platform"));
        List<ObjectNode> secrets = objects.stream().filter(o -> o.path("kind").asText().equals("Secret")).toList();
        if (overlay.equals("production")) {
            assertThat(secrets).as("production brings its own Secrets").isEmpty();
        } else {
            assertThat(secrets).isNotEmpty().allSatisfy(s -> assertThat(s.path("metadata").path("labels")
                    .path("platform.acme.com/demo-only").asText()).isEqualTo("true"));
        }
    }

    @Test
    void productionRunsTwoOrMoreOfEveryStatelessServiceWithBudgetsAndNoWorkerBeyondThePartitions() {
        List<ObjectNode> objects = render("production");
        int ordersPartitions = find(objects, "KafkaTopic", "orders").path("spec").path("partitions").asInt();
        for (String service : List.of("gateway-service", "auth-service", "product-service", "order-service", "worker-service")) {
            assertThat(find(objects, "Deployment", service).path("spec").path("replicas").asInt()).as(service).isGreaterThanOrEqualTo(2);
            assertThat(find(objects, "PodDisruptionBudget", service)).as(service).isNotNull();
            assertThat(find(objects, "NetworkPolicy", service)).as(service).isNotNull();
        }
        for (String service : List.of("gateway-service", "product-service", "order-service")) {
            assertThat(find(objects, "HorizontalPodAutoscaler", service)).as(service).isNotNull();
        }
        JsonNode worker = find(objects, "HorizontalPodAutoscaler", "worker-service");
        assertThat(worker.path("spec").path("maxReplicas").asInt()).as("worker-service replicas beyond the partitions of orders idle")
                .isLessThanOrEqualTo(ordersPartitions);
        assertThat(find(objects, "Cluster", "platform-db").path("spec").path("instances").asInt()).isEqualTo(3);
        assertThat(find(objects, "KafkaNodePool", "dual-role").path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(objects).filteredOn(o -> o.path("kind").asText().equals("KafkaTopic")).allSatisfy(t -> {
            assertThat(t.path("spec").path("replicas").asInt()).isEqualTo(3);
            assertThat(t.path("spec").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        });
        assertThat(find(objects, "Certificate", "platform-tls")).isNotNull();
    }

    @Test
    void productServiceWritesToThePrimaryAndReadsFromTheReplicas() {
        Map<String, String> env = KubernetesParity.environment(find(render("production"), "Deployment", "product-service"),
                configMaps(render("production")));
        assertThat(env.get("DB_URL")).startsWith("jdbc:postgresql://platform-db-rw:5432/products");
        assertThat(env.get("DB_REPLICA_URL")).startsWith("jdbc:postgresql://platform-db-ro:5432/products");
        assertThat(env.get("SPRING_FLYWAY_ENABLED")).isEqualTo("false");
    }

    static Map<String, ObjectNode> configMaps(List<ObjectNode> objects) {
        Map<String, ObjectNode> result = new java.util.HashMap<>();
        objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap"))
                .forEach(o -> result.put(o.path("metadata").path("name").asText(), o));
        return result;
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
    }
}
