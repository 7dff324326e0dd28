package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml and both Kubernetes overlays agree (KubernetesParity); each drift below is caught. */
class KubernetesParityTests {

    static Path root;
    static String composeText;

    @BeforeAll
    static void load() {
        root = RepositoryFiles.root();
        composeText = RepositoryFiles.read(root.resolve("docker-compose.yml"));
    }

    static List<ObjectNode> render(String overlay) {
        return Kustomize.render(root.resolve("deploy/kubernetes/overlays").resolve(overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void composeAndTheManifestsSetTheSameVariablesPortsHealthEndpointsAndTopics(String overlay) {
        assertThat(KubernetesParity.check(Yaml.parse(composeText), render(overlay))).isEmpty();
    }

    @Test
    void aVariableAddedToComposeOnlyFails() {
        JsonNode compose = Yaml.parse(composeText);
        ((ObjectNode) compose.path("services").path("order-service").path("environment")).put("ORDER_NEW_SETTING", "1");

        assertThat(KubernetesParity.check(compose, render("production")))
                .contains("order-service: compose sets ORDER_NEW_SETTING, Deployment order-service does not");
    }

    @Test
    void aComposeVariableMissingFromTheManifestsFails() {
        List<ObjectNode> manifests = render("production");
        ((ObjectNode) KubernetesManifestTests.find(manifests, "ConfigMap", "product-service").path("data")).remove("DB_REPLICA_URL");

        assertThat(KubernetesParity.check(Yaml.parse(composeText), manifests))
                .contains("product-service-1: compose sets DB_REPLICA_URL, Deployment product-service does not",
                        "product-service-2: compose sets DB_REPLICA_URL, Deployment product-service does not");
    }

    @Test
    void aVariableAddedToTheManifestsOnlyFails() {
        List<ObjectNode> manifests = render("production");
        ((ObjectNode) KubernetesManifestTests.find(manifests, "ConfigMap", "worker-service").path("data")).put("WORKER_NEW_SETTING", "1");

        assertThat(KubernetesParity.check(Yaml.parse(composeText), manifests))
                .anyMatch(v -> v.startsWith("Deployment worker-service: sets WORKER_NEW_SETTING"));
    }

    @Test
    void anotherPortOrHealthEndpointFails() {
        List<ObjectNode> manifests = render("production");
        JsonNode container = KubernetesManifestTests.find(manifests, "Deployment", "gateway-service")
                .path("spec").path("template").path("spec").path("containers").path(0);
        ((ObjectNode) container.path("ports").path(1)).put("containerPort", 8181);
        ((ObjectNode) container.path("readinessProbe").path("httpGet")).put("path", "/actuator/health");

        assertThat(KubernetesParity.check(Yaml.parse(composeText), manifests))
                .anyMatch(v -> v.startsWith("gateway-service: compose listens on [8080, 8180]"))
                .anyMatch(v -> v.startsWith("gateway-service: compose checks health at :8180/actuator/health/readiness"));
    }

    @Test
    void anotherPartitionCountOrAMissingDeadLetterTopicFails() {
        List<ObjectNode> manifests = render("production");
        ((ObjectNode) KubernetesManifestTests.find(manifests, "KafkaTopic", "orders").path("spec")).put("partitions", 6);
        manifests.remove(KubernetesManifestTests.find(manifests, "KafkaTopic", "order-status-dlt"));

        assertThat(KubernetesParity.check(Yaml.parse(composeText), manifests))
                .anyMatch(v -> v.startsWith("compose's kafka-init creates {order-status=3, order-status-dlt=3, orders=3, orders-dlt=3}"));
    }
}
