package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's docker-compose.yml, checked without a Docker engine: Compose Spec schema, consistency, and
 * parity with ./local.sh and the services' application.yml (see {@link ComposeChecker}).
 */
class ComposeFileTests {

    static Path root;
    static JsonNode compose;

    @BeforeAll
    static void load() {
        root = RepositoryFiles.root();
        compose = Yaml.parse(RepositoryFiles.read(root.resolve("docker-compose.yml")));
    }

    @Test
    void composeFileIsValidConsistentAndInParityWithTheLocalRun() {
        List<String> violations = new ComposeChecker(root).check(compose);

        assertThat(violations).as("docker-compose.yml violations").isEmpty();
    }

    @Test
    void runsEveryInstanceOfTheLocalRunUnderTheSameName() {
        LocalRun local = LocalRun.parse(RepositoryFiles.read(root.resolve("local.sh")));

        assertThat(local.instances()).extracting(LocalRun.Instance::name)
                .containsExactly("auth-service", "product-service-1", "product-service-2", "order-service", "worker-service",
                        "gateway-service");
        assertThat(local.instances()).extracting(LocalRun.Instance::name)
                .allSatisfy(name -> assertThat(compose.path("services").has(name)).as(name).isTrue());
    }

    @Test
    void publishesOnlyTheGatewaysApiPortAndAuthServiceAmongThePlatformServicesAllOnLoopback() {
        compose.path("services").fields().forEachRemaining(e -> {
            JsonNode ports = e.getValue().path("ports");
            if (!ComposeChecker.TOOLS.contains(e.getKey())) {
                assertThat(ports.size() > 0).as(e.getKey() + " publishes ports")
                        .isEqualTo(ComposeChecker.PUBLISHED_PORTS.containsKey(e.getKey()));
            }
            ports.forEach(port -> assertThat(port.asText()).as(e.getKey()).startsWith("127.0.0.1:"));
        });
        assertThat(compose.path("services").path("auth-service").path("ports").path(0).asText())
                .as("the issuer http://localhost:9000 is reached on the host's port 9000").isEqualTo("127.0.0.1:9000:9000");
    }

    @Test
    void splitsTheNetworksIntoEdgeServicesAndData() {
        JsonNode services = compose.path("services");
        java.util.Map<String, java.util.Set<String>> members = new java.util.TreeMap<>();
        services.fields().forEachRemaining(e -> ComposeChecker.networksOf(e.getValue())
                .forEach(n -> members.computeIfAbsent(n, k -> new java.util.TreeSet<>()).add(e.getKey())));

        assertThat(members.keySet()).containsExactlyInAnyOrder("edge", "services", "data");
        assertThat(members.get("edge")).containsExactlyInAnyOrder("gateway-service", "auth-service");
        assertThat(members.get("data")).containsExactlyInAnyOrder("postgres", "postgres-replica", "redis", "kafka",
                "kafka-init", "product-service-1", "product-service-2", "order-service", "worker-service", "gateway-service");
        assertThat(members.get("services")).doesNotContain("postgres", "postgres-replica", "redis", "kafka", "kafka-init")
                .contains("auth-service", "gateway-service", "product-service-1", "product-service-2", "order-service",
                        "worker-service", "jaeger");
        assertThat(compose.path("networks").path("data").path("internal").asBoolean()).as("data is internal").isTrue();
        // What is published leads into edge (the gateway, auth-service) or to a tool's UI, never into data.
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("ports").size() > 0) {
                assertThat(ComposeChecker.networksOf(e.getValue())).as(e.getKey()).containsAnyOf("edge", "services");
            }
        });
    }

    @Test
    void theDemoProfileIsTheDefaultAndNoSecretIsWrittenInTheFile() {
        compose.path("services").fields().forEachRemaining(e -> {
            if (ComposeChecker.moduleOf(e.getValue()) == null) {
                return;
            }
            var env = ComposeChecker.environment(e.getValue());
            assertThat(env).as(e.getKey()).containsEntry("SPRING_PROFILES_ACTIVE", "${SPRING_PROFILES_ACTIVE:-demo}");
            env.forEach((name, value) -> {
                if (name.endsWith("_API_KEY") || name.endsWith("_CLIENT_SECRET")) {
                    assertThat(value).as(e.getKey() + " " + name + ": passed from the shell, the demo value comes from "
                            + "the demo profile").isEmpty();
                }
            });
        });
    }

    @Test
    void replicaStreamsFromThePrimaryThroughTheContractSlot() {
        String primaryInit = RepositoryFiles.read(root.resolve("infra/postgres/primary/init-platform.sh"));
        String bootstrap = RepositoryFiles.read(root.resolve("infra/postgres/replica/bootstrap-replica.sh"));
        JsonNode replica = compose.path("services").path("postgres-replica");

        assertThat(primaryInit).contains("pg_create_physical_replication_slot('replica1'", "REPLICATION LOGIN",
                "host replication replicator");
        for (String database : com.acme.platform.devstack.DevstackSettings.SERVICE_DATABASES) {
            assertThat(primaryInit).contains(database);
        }
        assertThat(bootstrap).contains("pg_basebackup", "--slot=\"$REPLICATION_SLOT\"", "--write-recovery-conf",
                "hot_standby=on");
        assertThat(ComposeChecker.environment(replica)).containsEntry("REPLICATION_SLOT", "replica1")
                .containsEntry("REPLICA_PORT", "5433");
        assertThat(replica.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
    }
}
