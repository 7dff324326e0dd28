package com.acme.platform.orderservice;

import com.acme.platform.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay's claim protocol, driven through the outbox table itself. */
class OutboxRelayTests extends AbstractIntegrationTest {

    @Test
    void rowsOfOneKeyArePublishedInOutboxOrder() {
        String key = UUID.randomUUID().toString();
        for (int i = 1; i <= 5; i++) {
            outbox(key, "{\"n\":" + i + "}");
        }
        try (TopicReader topic = new TopicReader("orders")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.withKey(key).size() >= 5);
            assertThat(topic.withKey(key).stream().map(ConsumerRecord::value).toList())
                    .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
        }
        assertThat(count("SELECT count(*) FROM outbox WHERE event_key = ? AND (sent_at IS NULL OR claimed_until IS NOT NULL)", key)).isZero();
    }

    @Test
    void aLiveClaimIsLeftAloneAndHoldsBackLaterRowsOfItsKeyALapsedOneIsTakenOver() {
        String held = UUID.randomUUID().toString();
        String lapsed = UUID.randomUUID().toString();
        // Another relay's claims: one still running, one whose relay died (its lease is over).
        long heldFirst = outbox(held, "{\"held\":1}");
        outbox(held, "{\"held\":2}");
        jdbc.sql("UPDATE outbox SET claimed_until = now() + interval '1 hour' WHERE id = ?").param(heldFirst).update();
        long lapsedRow = outbox(lapsed, "{\"lapsed\":1}");
        jdbc.sql("UPDATE outbox SET claimed_until = now() - interval '1 second' WHERE id = ?").param(lapsedRow).update();

        try (TopicReader topic = new TopicReader("orders")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !topic.withKey(lapsed).isEmpty());
            // Several relay runs later, nothing of the held key went out: not its claimed row, nor the row behind it.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> topic.withKey(held).isEmpty());

            // The claim's relay finishes with a failure and releases it: both rows go out, in order.
            jdbc.sql("UPDATE outbox SET claimed_until = NULL WHERE id = ?").param(heldFirst).update();
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.withKey(held).size() >= 2);
            List<String> values = topic.withKey(held).stream().map(ConsumerRecord::value).toList();
            assertThat(values).containsExactly("{\"held\":1}", "{\"held\":2}");
        }
    }

    private long outbox(String key, String payload) {
        return jdbc.sql("INSERT INTO outbox (topic, event_key, payload) VALUES ('orders', ?, ?) RETURNING id")
                .params(key, payload).query(Long.class).single();
    }
}
