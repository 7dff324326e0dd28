package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml against the rendered Kubernetes manifests: every variable compose sets for a service is set in
 * its Deployment and the other way round (except the Kubernetes-only ones below, each with its reason); the same
 * container ports and health endpoints; the same topics and dead-letter topics with the same partitions.
 * A compose service built from infra/docker/service.Dockerfile maps to the Deployment named by its SERVICE build arg
 * (product-service-1 and -2 are one Deployment here, with the first instance's port).
 */
final class KubernetesParity {

    static final Map<String, String> KUBERNETES_ONLY = Map.of(
            "JAVA_OPTS", "the image's JAVA_OPTS, restated so the pod spec shows the heap's share of the memory limit",
            "SPRING_FLYWAY_ENABLED", "Flyway runs in the migration Jobs, not in every replica",
            "PLATFORM_TOKEN_URI", "platform-common gives it to every Deployment; compose sets it where it is read "
                    + "(gateway, order-, worker-service), which ComposeChecker's parity with local.sh enforces");

    /**
     * Variables compose sets that a Kubernetes overlay may leave out, each with its reason (checked in both
     * directions: the dev overlay sets them, production does not).
     */
    static final Map<String, String> OVERLAY_DEPENDENT = Map.of(
            "SPRING_PROFILES_ACTIVE", "compose is the demo (default `demo`); so is the dev overlay, production runs "
                    + "without the demo profile");

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

    private KubernetesParity() {
    }

    static List<String> check(JsonNode compose, List<ObjectNode> manifests) {
        List<String> violations = new ArrayList<>();
        Map<String, ObjectNode> deployments = new LinkedHashMap<>();
        Map<String, ObjectNode> configMaps = new LinkedHashMap<>();
        Map<String, Integer> topics = new TreeMap<>();
        for (ObjectNode o : manifests) {
            String name = o.path("metadata").path("name").asText();
            switch (o.path("kind").asText()) {
                case "Deployment" -> deployments.put(name, o);
                case "ConfigMap" -> configMaps.put(name, o);
                case "KafkaTopic" -> topics.put(o.path("spec").path("topicName").asText(name),
                        o.path("spec").path("partitions").asInt());
                default -> { }
            }
        }
        Set<String> compared = new LinkedHashSet<>();
        compose.path("services").fields().forEachRemaining(e -> {
            String module = e.getValue().path("build").path("args").path("SERVICE").asText(null);
            if (module == null) {
                return;
            }
            ObjectNode deployment = deployments.get(module);
            if (deployment == null) {
                violations.add(e.getKey() + ": compose runs module " + module + ", the manifests have no Deployment of that name");
                return;
            }
            Map<String, String> k8sEnv = environment(deployment, configMaps);
            Map<String, String> composeEnv = new TreeMap<>(ComposeChecker.environment(e.getValue()));
            composeEnv.keySet().stream().filter(v -> !k8sEnv.containsKey(v) && !OVERLAY_DEPENDENT.containsKey(v)).forEach(v -> violations.add(
                    e.getKey() + ": compose sets " + v + ", Deployment " + module + " does not"));
            if (compared.add(module)) {
                k8sEnv.keySet().stream().filter(v -> !composeEnv.containsKey(v) && !KUBERNETES_ONLY.containsKey(v)
                                && !OVERLAY_DEPENDENT.containsKey(v)
                                && !v.equals("INSTANCE_NAME") && !v.equals("PRODUCT_FLYWAY_LOCATIONS"))
                        .forEach(v -> violations.add("Deployment " + module + ": sets " + v + ", which compose's "
                                + e.getKey() + " does not (add it there, or to KubernetesParity.KUBERNETES_ONLY with a reason)"));
                checkPortsAndHealth(e.getKey(), e.getValue(), composeEnv, deployment, violations);
            }
        });
        checkTopics(compose.path("services").path("kafka-init"), topics, violations);
        return violations;
    }

    /** Names (and literal values) a Deployment's first container gets: env entries and envFrom ConfigMaps. */
    static Map<String, String> environment(JsonNode deployment, Map<String, ObjectNode> configMaps) {
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
        Map<String, String> env = new TreeMap<>();
        for (JsonNode from : container.path("envFrom")) {
            JsonNode map = configMaps.get(from.path("configMapRef").path("name").asText());
            if (map != null) {
                map.path("data").fields().forEachRemaining(d -> env.put(d.getKey(), d.getValue().asText()));
            }
        }
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(), variable.path("value").asText(""));
        }
        return env;
    }

    private static void checkPortsAndHealth(String service, JsonNode composeService, Map<String, String> composeEnv,
                                            ObjectNode deployment, List<String> violations) {
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
        Map<String, Integer> ports = new TreeMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        Set<Integer> expected = new java.util.TreeSet<>();
        for (String variable : List.of("SERVER_PORT", "GATEWAY_PORT", "GATEWAY_MANAGEMENT_PORT")) {
            if (composeEnv.containsKey(variable)) {
                expected.add(Integer.parseInt(literal(composeEnv.get(variable))));
            }
        }
        if (!expected.equals(new java.util.TreeSet<>(ports.values()))) {
            violations.add(service + ": compose listens on " + expected + ", the container declares " + ports.values());
        }
        JsonNode test = composeService.path("healthcheck").path("test");
        int healthPort = test.path(2).asInt();
        String healthPath = test.path(3).asText();
        JsonNode readiness = container.path("readinessProbe").path("httpGet");
        int probePort = readiness.path("port").isInt() ? readiness.path("port").asInt()
                : ports.getOrDefault(readiness.path("port").asText(), -1);
        if (probePort != healthPort || !readiness.path("path").asText().equals(healthPath)) {
            violations.add(service + ": compose checks health at :" + healthPort + healthPath
                    + ", the readiness probe at :" + probePort + readiness.path("path").asText());
        }
        JsonNode liveness = container.path("livenessProbe").path("httpGet");
        if (!liveness.path("path").asText().equals(healthPath.replace("/readiness", "/liveness"))
                || !liveness.path("port").equals(readiness.path("port"))) {
            violations.add(service + ": the liveness probe is not the liveness group on the readiness probe's port");
        }
    }

    private static void checkTopics(JsonNode kafkaInit, Map<String, Integer> topics, List<String> violations) {
        Map<String, String> env = ComposeChecker.environment(kafkaInit);
        int partitions = Integer.parseInt(literal(env.getOrDefault("KAFKA_TOPIC_PARTITIONS", "0")));
        Map<String, Integer> expected = new TreeMap<>();
        for (String topic : env.getOrDefault("KAFKA_TOPICS", "").trim().split("\\s+")) {
            expected.put(topic, partitions);
        }
        if (!expected.equals(topics)) {
            violations.add("compose's kafka-init creates " + expected + " (topic=partitions), the KafkaTopics are " + topics);
        }
    }

    /** A compose value, with ${NAME:-default} taken at its default. */
    private static String literal(String value) {
        Matcher m = DEFAULTED.matcher(value);
        return m.matches() ? m.group(1) : value;
    }
}
