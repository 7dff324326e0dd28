package com.acme.platform.orderservice;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.Json;
import com.acme.platform.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaDownTests extends AbstractIntegrationTest {

    @Test
    void ordersPlacedWhileKafkaIsDownArePublishedOnceItReturns() throws Exception {
        Devstack devstack = DevstackExtension.shared();
        UUID product = CATALOG.add(300, 1000);
        List<String> ids = new ArrayList<>();
        devstack.stopKafka();
        try {
            for (int i = 0; i < 5; i++) {
                var response = postOrder(UUID.randomUUID().toString(), orderBody("kafka-down", product, 1));
                assertThat(response.statusCode()).isEqualTo(201);
                ids.add(Json.parse(response.body()).get("id").asString());
            }
            assertThat(count("SELECT count(*) FROM outbox WHERE sent_at IS NULL")).isGreaterThanOrEqualTo(5);
        } finally {
            devstack.startKafka();
        }
        try (TopicReader orders = new TopicReader("orders")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                var keys = orders.poll().stream().map(r -> r.key()).toList();
                return keys.containsAll(ids);
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/prometheus").body().contains("outbox_backlog{application=\"order-service\",instance=\"order-service\"} 0.0"));
    }
}
