package com.acme.platform.workerservice;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MetricsTests extends AbstractIntegrationTest {

    @Test
    void dlqAndConsumerLagGaugesAreExportedPerGroup() throws Exception {
        UUID orderId = UUID.randomUUID();
        publish("orders", orderId.toString(), orderPlaced(UUID.randomUUID(), orderId, "metrics", CATALOG.add(1, 5), 1, 1));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = get("/actuator/prometheus").body();
            assertThat(metrics).contains("dlq_messages{").contains("group=\"notifications\"");
            assertThat(metrics).containsPattern("kafka_consumer_group_lag\\{[^}]*group=\"fulfillment\"[^}]*topic=\"orders\"");
            assertThat(metrics).containsPattern("kafka_consumer_group_lag\\{[^}]*group=\"analytics\"[^}]*topic=\"orders\"");
        });
    }
}
