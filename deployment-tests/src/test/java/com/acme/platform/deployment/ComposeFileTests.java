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
                .containsExactly("product-service-1", "product-service-2", "order-service", "worker-service", "gateway-service");
        assertThat(local.instances()).extracting(LocalRun.Instance::name)
                .allSatisfy(name -> assertThat(compose.path("services").has(name)).as(name).isTrue());
    }

    @Test
    void publishesOnlyTheGatewaysApiPortAmongThePlatformServices() {
        compose.path("services").fields().forEachRemaining(e -> {
            boolean publishes = e.getValue().path("ports").size() > 0;
            if (!ComposeChecker.TOOLS.contains(e.getKey())) {
                assertThat(publishes).as(e.getKey() + " publishes ports").isEqualTo(e.getKey().equals("gateway-service"));
            }
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
