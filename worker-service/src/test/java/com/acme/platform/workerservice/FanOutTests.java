package com.acme.platform.workerservice;

import com.acme.platform.testsupport.Json;
import com.acme.platform.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FanOutTests extends AbstractIntegrationTest {

    private boolean processedByAllGroups(UUID eventId) {
        return count("SELECT count(*) FROM processed_event WHERE event_id = ? AND consumer_group IN ('fulfillment','notifications')", eventId) == 2
                && Boolean.TRUE.equals(redis.hasKey("{analytics}:processed:" + eventId));
    }

    private JsonNode topProduct(UUID productId) throws Exception {
        JsonNode items = Json.parse(get("/api/analytics/top-products?limit=1000").body()).get("items");
        for (JsonNode item : items) {
            if (item.get("productId").asString().equals(productId.toString())) {
                return item;
            }
        }
        return null;
    }

    @Test
    void everyGroupProcessesTheEventOnceAndARedeliveryChangesNothing() throws Exception {
        UUID product = CATALOG.add(250, 10);
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String event = orderPlaced(eventId, orderId, "erin", product, 4, 250);
        publish("orders", orderId.toString(), event);

        await().atMost(Duration.ofSeconds(30)).until(() -> processedByAllGroups(eventId));
        try (TopicReader status = new TopicReader("order-status")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !status.withKey(orderId.toString()).isEmpty());
            assertThat(Json.parse(status.withKey(orderId.toString()).getFirst().value()).get("type").asString())
                    .isEqualTo("OrderConfirmed");
        }
        assertThat(CATALOG.product(product).stock()).isEqualTo(6);
        JsonNode notifications = Json.parse(get("/api/notifications?orderId=" + orderId).body()).get("items");
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).get("customerId").asString()).isEqualTo("erin");
        assertThat(topProduct(product).get("unitsSold").asLong()).isEqualTo(4);
        assertThat(topProduct(product).get("revenueCents").asLong()).isEqualTo(1000);

        // At-least-once delivery: the same event again (e.g. the relay re-published after a crash).
        publish("orders", orderId.toString(), event);
        UUID marker = UUID.randomUUID();
        UUID markerOrder = UUID.randomUUID();
        publish("orders", orderId.toString(), orderPlaced(marker, markerOrder, "marker", CATALOG.add(1, 1), 1, 1));
        // Same key -> same partition -> processed after the redelivery in every group.
        await().atMost(Duration.ofSeconds(30)).until(() -> processedByAllGroups(marker));

        assertThat(CATALOG.product(product).stock()).isEqualTo(6);
        assertThat(Json.parse(get("/api/notifications?orderId=" + orderId).body()).get("items")).hasSize(1);
        assertThat(topProduct(product).get("unitsSold").asLong()).isEqualTo(4);
        assertThat(topProduct(product).get("revenueCents").asLong()).isEqualTo(1000);
    }

    @Test
    void concurrentOrdersForTheLastUnitsConfirmOnlyWhatIsInStock() throws Exception {
        UUID product = CATALOG.add(100, 3);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID orderId = UUID.randomUUID();
            orders.add(orderId);
            publish("orders", orderId.toString(), orderPlaced(UUID.randomUUID(), orderId, "last-units", product, 1, 100));
        }
        try (TopicReader status = new TopicReader("order-status")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> orders.stream().allMatch(o -> !status.withKey(o.toString()).isEmpty()));
            long confirmed = orders.stream().filter(o -> status.withKey(o.toString()).getFirst().value().contains("OrderConfirmed")).count();
            long rejected = orders.stream().filter(o -> status.withKey(o.toString()).getFirst().value().contains("OrderRejected")).count();
            assertThat(confirmed).isEqualTo(3);
            assertThat(rejected).isEqualTo(3);
        }
        assertThat(CATALOG.product(product).stock()).isZero();
    }
}
