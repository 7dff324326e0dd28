package com.acme.platform.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** Header names this platform adds to Kafka records (next to Spring Kafka's {@code kafka_dlt-*}), and how to read them. */
public final class EventHeaders {

    /** On a replayed record: the only consumer group that should process it; the others skip it. */
    public static final String REPLAY_FOR_GROUP = "x-replay-for-group";
    /** On a replayed record: the DLQ entry it came from, removed once the replay succeeds. */
    public static final String DLQ_ENTRY_ID = "x-dlq-entry-id";
    /** On a dead letter: the consumer group that failed it. */
    public static final String FAILED_GROUP = "x-failed-group";
    /** On a dead letter: how many deliveries it got (1 for an invalid event, which is never retried). */
    public static final String ATTEMPTS = "x-attempts";
    /** On a dead letter: the listener's exception class and message. */
    public static final String ERROR = "x-error";

    private EventHeaders() {
    }

    public static Optional<String> text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The DLQ entry a replayed record came from, if it is one. */
    public static Optional<UUID> replayedEntry(ConsumerRecord<?, ?> record) {
        return text(record, DLQ_ENTRY_ID).flatMap(value -> {
            try {
                return Optional.of(UUID.fromString(value));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
