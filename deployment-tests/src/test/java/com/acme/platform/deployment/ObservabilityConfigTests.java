package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra/prometheus and infra/grafana agree with compose and with the contract's metric names. Whether those
 * metrics are really exported is checked against a running stack by infra/check-metrics.sh.
 */
class ObservabilityConfigTests {

    /** The contract's metrics (plus the proposed replication-lag gauge) that operators rely on. */
    static final List<String> CONTRACT_METRICS = List.of("cache_gets_total", "cache_loads_total",
            "cache_lock_wait_seconds", "db_reads_total", "db_replica_lag_seconds", "outbox_backlog", "dlq_messages",
            "kafka_consumer_group_lag", "spring_cloud_gateway_requests_seconds", "resilience4j_circuitbreaker_state",
            "jvm_memory_used_bytes");

    static Path root;
    static JsonNode compose;

    @BeforeAll
    static void load() {
        root = RepositoryFiles.root();
        compose = Yaml.parse(RepositoryFiles.read(root.resolve("docker-compose.yml")));
    }

    @Test
    void prometheusScrapesEveryServiceInstanceOnItsActuatorPort() {
        JsonNode prometheus = Yaml.parse(RepositoryFiles.read(root.resolve("infra/prometheus/prometheus.yml")));
        Set<String> targets = new LinkedHashSet<>();
        prometheus.path("scrape_configs").forEach(job -> {
            assertThat(job.path("metrics_path").asText()).as(job.path("job_name").asText()).isEqualTo("/actuator/prometheus");
            job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
        });
        Set<String> expected = new LinkedHashSet<>();
        compose.path("services").fields().forEachRemaining(e -> {
            if (ComposeChecker.moduleOf(e.getValue()) != null) {
                var env = ComposeChecker.environment(e.getValue());
                String port = env.containsKey("GATEWAY_MANAGEMENT_PORT") ? env.get("GATEWAY_MANAGEMENT_PORT") : env.get("SERVER_PORT");
                expected.add(e.getKey() + ":" + port);
            }
        });

        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(prometheus.path("rule_files").toString()).contains("alerts.yml");
    }

    @Test
    void alertRulesCoverTheIssuesFiveConditions() {
        JsonNode alerts = Yaml.parse(RepositoryFiles.read(root.resolve("infra/prometheus/alerts.yml")));
        List<String> names = new ArrayList<>();
        StringBuilder expressions = new StringBuilder();
        alerts.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            names.add(r.path("alert").asText());
            expressions.append(r.path("expr").asText()).append('\n');
            assertThat(r.path("annotations").path("summary").asText()).as(r.path("alert").asText()).isNotBlank();
        }));

        assertThat(names).contains("ConsumerLagGrowing", "DeadLetterQueueNotEmpty", "ProductCacheHitRatioLow",
                "ReplicationLagHigh", "CircuitBreakerOpen");
        assertThat(expressions.toString()).contains("kafka_consumer_group_lag", "dlq_messages",
                "cache_gets_total{cache=\"products\"", "db_replica_lag_seconds", "resilience4j_circuitbreaker_state");
    }

    @Test
    void dashboardsUseTheProvisionedDatasourceAndTheContractsMetricNames() throws IOException {
        JsonNode datasources = Yaml.parse(RepositoryFiles.read(root.resolve("infra/grafana/provisioning/datasources/datasources.yml")));
        Set<String> uids = new LinkedHashSet<>();
        datasources.path("datasources").forEach(d -> uids.add(d.path("uid").asText()));
        StringBuilder expressions = new StringBuilder();
        Set<String> dashboardUids = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(root.resolve("infra/grafana/dashboards"))) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode dashboard = Yaml.JSON.readTree(file.toFile());
            assertThat(dashboardUids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> {
                assertThat(uids).as(file.getFileName() + " / " + panel.path("title").asText())
                        .contains(target.path("datasource").path("uid").asText());
                expressions.append(target.path("expr").asText()).append('\n');
            }));
        }

        assertThat(expressions.toString()).contains(CONTRACT_METRICS);
        assertThat(expressions.toString()).contains("result=\"hit\"", "by (target)", "by (group, topic)", "by (routeId)");
    }

    @Test
    void grafanaProvisioningIsMountedWhereGrafanaReadsIt() {
        String volumes = compose.path("services").path("grafana").path("volumes").toString();

        assertThat(volumes).contains("./infra/grafana/provisioning:/etc/grafana/provisioning",
                "./infra/grafana/dashboards:/var/lib/grafana/dashboards");
        String provider = RepositoryFiles.read(root.resolve("infra/grafana/provisioning/dashboards/dashboards.yml"));
        assertThat(provider).contains("path: /var/lib/grafana/dashboards");
    }
}
