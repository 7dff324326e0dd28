package com.acme.platform.workerservice;

import com.acme.platform.testsupport.Json;
import com.acme.platform.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dependency that is down is not a bad event: fulfillment waits for product-service instead of dead-lettering the
 * order, and finishes it by itself once product-service answers again.
 */
class ProductServiceDownTests extends AbstractIntegrationTest {

    private long fulfilled(UUID eventId) {
        return count("SELECT count(*) FROM processed_event WHERE event_id = ? AND consumer_group = 'fulfillment'", eventId);
    }

    private long deadLettered(UUID orderId) {
        return count("SELECT count(*) FROM dlq_entry WHERE consumer_group = 'fulfillment' AND record_key = ?", orderId.toString());
    }

    @Test
    void anOrderWaitsForProductServiceInsteadOfBeingDeadLetteredAndIsConfirmedOnceItIsBack() throws Exception {
        UUID product = CATALOG.add(300, 5);
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        PRODUCT_1.stop();
        PRODUCT_2.stop();
        try (TopicReader status = new TopicReader("order-status")) {
            try {
                publish("orders", orderId.toString(), orderPlaced(eventId, orderId, "outage", product, 2, 300));
                // Well past the retry window of a failing record (200 + 400 + 800 ms, then the DLT): still waiting,
                // neither processed nor dead-lettered.
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                        .until(() -> fulfilled(eventId) == 0 && deadLettered(orderId) == 0);
            } finally {
                PRODUCT_1.start();
                PRODUCT_2.start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> fulfilled(eventId) == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> !status.withKey(orderId.toString()).isEmpty());
            assertThat(Json.parse(status.withKey(orderId.toString()).getFirst().value()).get("type").asString())
                    .isEqualTo("OrderConfirmed");
        }
        assertThat(CATALOG.product(product).stock()).isEqualTo(3);
        assertThat(deadLettered(orderId)).isZero();
    }
}
