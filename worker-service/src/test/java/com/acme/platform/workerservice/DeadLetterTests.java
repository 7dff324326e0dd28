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

class DeadLetterTests extends AbstractIntegrationTest {

    private List<JsonNode> entriesWithKey(String key) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : Json.parse(get("/api/admin/dlq?limit=1000").body()).get("items")) {
            if (key.equals(entry.get("key").asString())) {
                found.add(entry);
            }
        }
        return found;
    }

    @Test
    void unparseableEventIsDeadLetteredAtOnceOncePerGroupAndCanBeDiscarded() throws Exception {
        String key = UUID.randomUUID().toString();
        publish("orders", key, "{\"eventId\": oops");

        try (TopicReader dlt = new TopicReader("orders-dlt")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlt.withKey(key).size() == 3);
            assertThat(dlt.withKey(key)).allSatisfy(r ->
                    assertThat(new String(r.headers().lastHeader("x-attempts").value())).isEqualTo("1"));
            assertThat(dlt.withKey(key).stream().map(r -> new String(r.headers().lastHeader("x-failed-group").value())))
                    .containsExactlyInAnyOrder("fulfillment", "notifications", "analytics");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> entriesWithKey(key).size() == 3);
        List<JsonNode> entries = entriesWithKey(key);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("topic").asString()).isEqualTo("orders");
            assertThat(e.get("attempts").asInt()).isEqualTo(1);
            assertThat(e.get("error").asString()).contains("InvalidEventException");
            assertThat(e.get("payload").asString()).isEqualTo("{\"eventId\": oops");
        });

        String id = entries.getFirst().get("id").asString();
        assertThat(send("DELETE", "/api/admin/dlq/" + id, null).statusCode()).isEqualTo(204);
        assertThat(entriesWithKey(key)).hasSize(2);
        assertThat(send("DELETE", "/api/admin/dlq/" + id, null).statusCode()).isEqualTo(404);
    }
}
