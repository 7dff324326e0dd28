package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker is only worth something if it fails: each test breaks a copy of the real docker-compose.yml in one
 * way a future change could, and expects the violation that names it. The first feeds a whole broken file.
 */
class BrokenComposeFileTests {

    static Path root;
    static String original;
    static ComposeChecker checker;

    @BeforeAll
    static void load() {
        root = RepositoryFiles.root();
        original = RepositoryFiles.read(root.resolve("docker-compose.yml"));
        checker = new ComposeChecker(root);
    }

    @Test
    void aDeliberatelyBrokenCopyOfTheFileFailsWithEveryDefectNamed() {
        String broken = original
                .replaceFirst("name: platform\n", "version: \"3.8\"\nname: platform\n")
                .replace("image: redis:7.4.6-alpine", "image: redis:latest")
                .replace("      interval: 5s\n      timeout: 3s", "      intervall: 5s\n      timeout: 3s")
                .replace("      INSTANCE_NAME: order-service\n", "      INSTANCE_NAME: order-service\n      ORDER_SERVCE_TIMEOUT: \"5\"\n");

        List<String> violations = checker.check(Yaml.parse(broken));

        assertThat(violations).anyMatch(v -> v.contains("`version:` is obsolete"))
                .anyMatch(v -> v.contains("redis: image `redis:latest` uses `latest`"))
                .anyMatch(v -> v.startsWith("schema:") && v.contains("intervall"))
                .anyMatch(v -> v.contains("order-service: sets ORDER_SERVCE_TIMEOUT"));
    }

    @Test
    void aServiceWithoutHealthcheckFails() {
        assertThat(violationsAfter(c -> service(c, "order-service").remove("healthcheck")))
                .contains("order-service: no healthcheck");
    }

    @Test
    void aServiceWithoutMemoryLimitFails() {
        assertThat(violationsAfter(c -> service(c, "redis").remove("deploy")))
                .contains("redis: no memory limit (deploy.resources.limits.memory)");
    }

    @Test
    void aDependencyOnAnUndefinedServiceFails() {
        assertThat(violationsAfter(c -> ((ObjectNode) service(c, "order-service").path("depends_on"))
                .set("postgress", condition("service_healthy"))))
                .contains("order-service: depends_on `postgress`, which is not a service");
    }

    @Test
    void aDependencyThatOnlyWaitsForStartFails() {
        assertThat(violationsAfter(c -> ((ObjectNode) service(c, "gateway-service").path("depends_on"))
                .set("redis", condition("service_started"))))
                .anyMatch(v -> v.startsWith("gateway-service: depends_on `redis` with condition `service_started`"));
    }

    @Test
    void aPlatformServicePublishingAPortFails() {
        assertThat(violationsAfter(c -> service(c, "product-service-1").putArray("ports").add("8081:8081")))
                .anyMatch(v -> v.startsWith("product-service-1: publishes"));
    }

    @Test
    void publishingTheGatewaysActuatorPortFails() {
        assertThat(violationsAfter(c -> ((ArrayNode) service(c, "gateway-service").path("ports")).add("8180:8180")))
                .anyMatch(v -> v.startsWith("gateway-service: publishes container port 8180"));
    }

    @Test
    void aRenamedInstanceFails() {
        assertThat(violationsAfter(c -> {
            JsonNode worker = c.remove("worker-service");
            c.set("workers", worker);
        })).contains("local.sh runs `worker-service`; compose has no service of that name");
    }

    @Test
    void aPortDifferentFromTheLocalRunFails() {
        assertThat(violationsAfter(c -> environment(c, "order-service").put("SERVER_PORT", "9082")))
                .contains("order-service: SERVER_PORT is 9082, local.sh uses 8082");
    }

    @Test
    void aVariableTheServiceNeverReadsFails() {
        assertThat(violationsAfter(c -> environment(c, "product-service-1").put("REDIS_HOSTNAME", "redis")))
                .anyMatch(v -> v.startsWith("product-service-1: sets REDIS_HOSTNAME"));
    }

    @Test
    void aVariableTheLocalRunSetsButComposeForgetsFails() {
        assertThat(violationsAfter(c -> environment(c, "worker-service").remove("DB_URL")))
                .contains("worker-service: application.yml reads ${DB_URL} and local.sh sets it, compose does not");
    }

    @Test
    void aVariableTheLocalRunExportsInsideAnIfButComposeForgetsFails() {
        // local.sh exports PRODUCT_FLYWAY_LOCATIONS (the demo catalog) in `if ...; then export ...; fi`, not on a
        // line of its own: compose once missed it, and the parity check with it.
        assertThat(violationsAfter(c -> environment(c, "product-service-2").remove("PRODUCT_FLYWAY_LOCATIONS")))
                .contains("product-service-2: application.yml reads ${PRODUCT_FLYWAY_LOCATIONS} and local.sh sets it, compose does not");
    }

    @Test
    void aVariableTheLocalRunExportsButTheModuleNeverReadsFails() {
        assertThat(violationsAfter(c -> environment(c, "order-service")
                .put("DB_REPLICA_URL", "jdbc:postgresql://postgres-replica:5433/orders")))
                .anyMatch(v -> v.startsWith("order-service: sets DB_REPLICA_URL, which order-service/src/main/resources/application.yml never reads"));
    }

    @Test
    void theWrongDatabaseFails() {
        assertThat(violationsAfter(c -> environment(c, "order-service").put("DB_URL", "jdbc:postgresql://postgres:5432/products")))
                .anyMatch(v -> v.startsWith("order-service: DB_URL") && v.contains("is not database `orders`"));
    }

    @Test
    void aMissingDeadLetterTopicFails() {
        assertThat(violationsAfter(c -> environment(c, "kafka-init").put("KAFKA_TOPICS", "orders order-status orders-dlt")))
                .anyMatch(v -> v.startsWith("kafka-init creates [orders, order-status, orders-dlt]"));
    }

    @Test
    void aHealthcheckOnAnotherPathThanTheLocalRunFails() {
        assertThat(violationsAfter(c -> service(c, "product-service-2").putObject("healthcheck").putArray("test")
                .add("CMD").add("/app/healthcheck.sh").add("8091").add("/actuator/health")))
                .anyMatch(v -> v.startsWith("product-service-2: healthcheck"));
    }

    @Test
    void aMountOfAMissingFileFails() {
        assertThat(violationsAfter(c -> ((ArrayNode) service(c, "kafka-init").path("volumes"))
                .set(0, Yaml.JSON.getNodeFactory().textNode("./infra/kafka/create-topic.sh:/infra/create-topics.sh:ro"))))
                .contains("kafka-init: mounts ./infra/kafka/create-topic.sh, which does not exist");
    }

    @Test
    void aServiceBuiltWithoutItsModuleArgFails() {
        assertThat(violationsAfter(c -> buildArgs(c, "order-service").remove("SERVICE")))
                .contains("order-service: build arg SERVICE is not set (infra/docker/service.Dockerfile declares it without a default)");
    }

    @Test
    void aBuildArgTheDockerfileDoesNotDeclareFails() {
        assertThat(violationsAfter(c -> buildArgs(c, "worker-service").put("HEALTH_PROT", "8083")))
                .contains("worker-service: passes build arg HEALTH_PROT, which infra/docker/service.Dockerfile does not declare");
    }

    @Test
    void aBuildOfAModuleThatDoesNotExistFails() {
        assertThat(violationsAfter(c -> buildArgs(c, "gateway-service").put("SERVICE", "gateway-servce")))
                .contains("gateway-service: build arg SERVICE is `gateway-servce`, which is not a module (no gateway-servce/pom.xml)");
    }

    @Test
    void authServicePublishingAnotherPortFails() {
        assertThat(violationsAfter(c -> ((ArrayNode) service(c, "auth-service").path("ports")).add("127.0.0.1:9001:9001")))
                .anyMatch(v -> v.startsWith("auth-service: publishes container port 9001; only port 9000"));
    }

    @Test
    void aPortPublishedOnEveryInterfaceFails() {
        assertThat(violationsAfter(c -> ((ArrayNode) service(c, "gateway-service").path("ports"))
                .set(0, Yaml.JSON.getNodeFactory().textNode("8080:8080"))))
                .anyMatch(v -> v.startsWith("gateway-service: publishes \"8080:8080\" on every interface"));
    }

    @Test
    void anIssuerDifferentFromAuthServicesFails() {
        assertThat(violationsAfter(c -> environment(c, "order-service").put("PLATFORM_TOKEN_ISSUER", "http://auth-service:9000")))
                .contains("order-service: PLATFORM_TOKEN_ISSUER is http://auth-service:9000, auth-service's AUTH_ISSUER_URI is "
                        + "http://localhost:9000: every token would be refused");
    }

    @Test
    void aServiceWithoutTheDemoProfileSettingFails() {
        assertThat(violationsAfter(c -> environment(c, "worker-service").remove("SPRING_PROFILES_ACTIVE")))
                .anyMatch(v -> v.startsWith("worker-service: local.sh sets SPRING_PROFILES_ACTIVE for every service"));
    }

    @Test
    void aServiceCutOffFromWhatItCallsFails() {
        assertThat(violationsAfter(c -> service(c, "order-service").putArray("networks").add("services")))
                .anyMatch(v -> v.startsWith("order-service: reaches `postgres`") && v.contains("shares no network"))
                .anyMatch(v -> v.startsWith("order-service: reaches `kafka`"));
        assertThat(violationsAfter(c -> service(c, "auth-service").putArray("networks").add("edge")))
                .anyMatch(v -> v.startsWith("product-service-1: reaches `auth-service`"));
    }

    @Test
    void aSecretVariableOnlyTheDemoProfileReadsIsASetting() {
        // PLATFORM_DEMO_CLIENT_SECRET is read only in auth-service's application-demo.yml: allowed there, and
        // nowhere it is not read.
        assertThat(violationsAfter(c -> { })).noneMatch(v -> v.contains("PLATFORM_DEMO_CLIENT_SECRET"));
        assertThat(violationsAfter(c -> environment(c, "product-service-1").putNull("PLATFORM_DEMO_CLIENT_SECRET")))
                .anyMatch(v -> v.startsWith("product-service-1: sets PLATFORM_DEMO_CLIENT_SECRET"));
    }

    private static List<String> violationsAfter(Consumer<ObjectNode> breakServices) {
        JsonNode compose = Yaml.parse(original);
        breakServices.accept((ObjectNode) compose.path("services"));
        return checker.check(compose);
    }

    private static ObjectNode service(ObjectNode services, String name) {
        return (ObjectNode) services.path(name);
    }

    private static ObjectNode environment(ObjectNode services, String name) {
        return (ObjectNode) service(services, name).path("environment");
    }

    private static ObjectNode buildArgs(ObjectNode services, String name) {
        return (ObjectNode) service(services, name).path("build").path("args");
    }

    private static ObjectNode condition(String condition) {
        return Yaml.JSON.createObjectNode().put("condition", condition);
    }
}
