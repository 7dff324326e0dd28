package com.acme.platform.workerservice;

import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InjectedFailureReplayTests extends AbstractIntegrationTest {

    @AfterEach
    void switchFaultsOff() throws Exception {
        send("PUT", "/api/admin/faults", "{}");
    }

    private JsonNode notificationsEntryFor(UUID orderId) throws Exception {
        for (JsonNode entry : Json.parse(get("/api/admin/dlq?group=notifications&limit=1000").body()).get("items")) {
            if (orderId.toString().equals(entry.get("key").asString())) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void failingGroupDeadLettersAfterItsAttemptsOthersProceedAndAReplayProcessesItOnceInThatGroupOnly() throws Exception {
        var rule = send("PUT", "/api/admin/faults", "{\"notifications\":{\"failCustomerPrefix\":\"fail-\"}}");
        assertThat(rule.statusCode()).isEqualTo(200);
        assertThat(get("/api/admin/faults").body()).contains("\"failCustomerPrefix\":\"fail-\"");

        UUID product = CATALOG.add(300, 10);
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        publish("orders", orderId.toString(), orderPlaced(eventId, orderId, "fail-frank", product, 2, 300));

        await().atMost(Duration.ofSeconds(60)).until(() -> notificationsEntryFor(orderId) != null);
        JsonNode entry = notificationsEntryFor(orderId);
        assertThat(entry.get("attempts").asInt()).isEqualTo(4);
        assertThat(entry.get("error").asString()).contains("injected failure");
        assertThat(entry.get("group").asString()).isEqualTo("notifications");
        // The other groups were not held up: they processed the event normally.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM processed_event WHERE event_id = ? AND consumer_group = 'fulfillment'", eventId) == 1
                        && Boolean.TRUE.equals(redis.hasKey("{analytics}:processed:" + eventId)));
        assertThat(CATALOG.product(product).stock()).isEqualTo(8);
        assertThat(Json.parse(get("/api/notifications?orderId=" + orderId).body()).get("items")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/actuator/prometheus").body().lines().anyMatch(l -> l.startsWith("dlq_messages{") && l.contains("group=\"notifications\"") && !l.endsWith(" 0.0")));

        assertThat(send("PUT", "/api/admin/faults", "{}").statusCode()).isEqualTo(200);
        assertThat(get("/api/admin/faults").body()).isEqualTo("{}");
        var replay = send("POST", "/api/admin/dlq/" + entry.get("id").asString() + "/replay", null);
        assertThat(replay.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsEntryFor(orderId) == null);
        assertThat(Json.parse(get("/api/notifications?orderId=" + orderId).body()).get("items")).hasSize(1);
        // Only the notifications group ran again: stock and analytics are unchanged.
        assertThat(CATALOG.product(product).stock()).isEqualTo(8);
        assertThat(redis.opsForZSet().score("{analytics}:top-products:units", product.toString())).isEqualTo(2.0);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId)).isEqualTo(2);
    }

    @Test
    void aFailingEventHoldsLaterEventsOfItsPartitionOnlyForTheRetryWindow() throws Exception {
        send("PUT", "/api/admin/faults", "{\"notifications\":{\"failCustomerPrefix\":\"fail-\"}}");
        UUID product = CATALOG.add(10, 100);
        String key = UUID.randomUUID().toString();   // one key: both events land on the same partition, in order
        UUID failing = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        UUID laterOrder = UUID.randomUUID();
        publish("orders", key, orderPlaced(failing, UUID.randomUUID(), "fail-gina", product, 1, 10));
        publish("orders", key, orderPlaced(later, laterOrder, "gina", product, 1, 10));

        // The later event is processed once the failing one has used up its attempts (~1.4 s of back-off) and
        // gone to the DLT, instead of waiting behind it forever.
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Json.parse(get("/api/notifications?orderId=" + laterOrder).body()).get("items").size() == 1);
        assertThat(count("SELECT count(*) FROM processed_event WHERE consumer_group = 'notifications' AND event_id = ?", failing)).isZero();
    }

    @Test
    void replayingAWholeGroupAnswersHowManyWereReplayed() throws Exception {
        var response = send("POST", "/api/admin/dlq/replay?group=analytics", null);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"replayed\"");
    }
}
