package com.acme.platform.orderservice;

import com.acme.platform.testsupport.Json;
import com.acme.platform.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OrderPlacementTests extends AbstractIntegrationTest {

    @Test
    void placedOrderIsPricedFromTheCatalogStoredAndItsEventPublishedKeyedByOrderId() throws Exception {
        UUID product = CATALOG.add(1250, 10);
        var response = postOrder(UUID.randomUUID().toString(), orderBody("alice", product, 3));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode order = Json.parse(response.body());
        String id = order.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/orders/" + id);
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        assertThat(order.get("totalCents").asLong()).isEqualTo(3750);
        assertThat(order.get("currency").asString()).isEqualTo("EUR");
        assertThat(order.get("items").get(0).get("unitPriceCents").asLong()).isEqualTo(1250);

        JsonNode fetched = Json.parse(get("/api/orders/" + id).body());
        assertThat(fetched).isEqualTo(order);

        try (TopicReader orders = new TopicReader("orders")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !orders.withKey(id).isEmpty());
            JsonNode event = Json.parse(orders.withKey(id).getFirst().value());
            assertThat(event.get("type").asString()).isEqualTo("OrderPlaced");
            assertThat(event.get("orderId").asString()).isEqualTo(id);
            assertThat(event.get("customerId").asString()).isEqualTo("alice");
            assertThat(event.get("totalCents").asLong()).isEqualTo(3750);
            assertThat(event.get("eventId").asString()).isNotBlank();
            assertThat(event.get("occurredAt").asString()).isNotBlank();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/prometheus").body().contains("outbox_backlog"));
        assertThat(count("SELECT count(*) FROM outbox WHERE event_key = ? AND sent_at IS NOT NULL", id)).isEqualTo(1);
    }

    @Test
    void ordersOfACustomerArePagedWithACursor() throws Exception {
        UUID product = CATALOG.add(100, 100);
        String customer = "pager-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(postOrder(UUID.randomUUID().toString(), orderBody(customer, product, 1)).statusCode()).isEqualTo(201);
        }
        JsonNode first = Json.parse(get("/api/orders?customerId=" + customer + "&limit=2").body());
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = Json.parse(get("/api/orders?customerId=" + customer + "&limit=2&cursor=" + cursor).body());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void oneProductInstanceDownIsAbsorbedByTheOther() throws Exception {
        UUID product = CATALOG.add(100, 100);
        PRODUCT_1.stop();
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(postOrder(UUID.randomUUID().toString(), orderBody("lb", product, 1)).statusCode()).isEqualTo(201);
            }
        } finally {
            PRODUCT_1.start();
        }
    }
}
