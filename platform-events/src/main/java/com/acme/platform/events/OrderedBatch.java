package com.acme.platform.events;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A batch listener's records (one poll), handled with a record listener's error semantics.
 *
 * <p>The records are read in order; the run of good records before the first bad one (unparseable, invalid, or
 * refused by the listener's per-record check, e.g. an injected fault) is handled as ONE unit of work: one query, one
 * HTTP call, one transaction instead of one per record. The bad record is then reported to
 * {@link DeadLetterErrorHandler} as a {@link BatchListenerFailedException} naming that record: the handler commits
 * the offsets before it, retries or dead-letters that record alone (same headers, same retry window as a record
 * listener) and redelivers the records after it. When the unit of work itself fails (e.g. a downstream service is
 * down), its first record is reported: the poll is retried from there (every consumer here is idempotent) and, if
 * the failure persists, dead-letters one record at a time, as a record listener would.
 *
 * <p>Listeners using this keep {@code filter = ReplayForGroupFilter.BEAN}: the failed record is named by the record
 * itself, not by its index, as the filter may have removed records from the list.
 *
 * <p>Tracing: Spring Kafka observes record listeners only, and a poll is not one request. So each record gets its
 * own listener observation (Spring Kafka's {@link KafkaListenerObservation}, continuing the producer's trace from the
 * record's headers), started the first time the work runs a step of that record ({@link Item#traced}) and stopped
 * when the poll is done: a consumer's log lines and the events it sends for a record carry the trace of the request
 * that placed the order.
 */
public final class OrderedBatch {

    /** The listener the records came to: what its per-record observations are named and tagged with. */
    public record Listener(ObservationRegistry observations, String id, String group) {
    }

    /** One record of the poll and its event. */
    public static final class Item<T> {

        private final Listener listener;
        private final ConsumerRecord<String, String> record;
        private final T event;
        private Observation observation;

        Item(Listener listener, ConsumerRecord<String, String> record, T event) {
            this.listener = listener;
            this.record = record;
            this.event = event;
        }

        public ConsumerRecord<String, String> record() {
            return record;
        }

        public T event() {
            return event;
        }

        /** Runs {@code step} (a log line, a send) in this record's listener observation, i.e. in its trace. */
        public void traced(Runnable step) {
            if (observation == null) {
                observation = KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(record, listener.id(), null, listener.group(), () -> null),
                        listener.observations()).start();
            }
            try (Observation.Scope scope = observation.openScope()) {
                step.run();
            }
        }

        void stop(RuntimeException failure) {
            if (observation != null) {
                if (failure != null) {
                    observation.error(failure);
                }
                observation.stop();
            }
        }
    }

    /** A per-record precondition: throws to fail that record (and only it). */
    public interface Check<T> {
        void check(T event);
    }

    private OrderedBatch() {
    }

    public static <T extends CheckedEvent> void handle(Listener listener, List<ConsumerRecord<String, String>> records,
                                                       EventReader reader, Class<T> type, Check<T> check,
                                                       Consumer<List<Item<T>>> work) {
        List<Item<T>> items = new ArrayList<>(records.size());
        ConsumerRecord<String, String> failed = null;
        RuntimeException failure = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                T event = reader.read(record.value(), type);
                check.check(event);
                items.add(new Item<>(listener, record, event));
            } catch (RuntimeException e) {
                failed = record;
                failure = e;
                break;
            }
        }
        if (!items.isEmpty()) {
            RuntimeException workFailure = null;
            try {
                work.accept(items);
            } catch (RuntimeException e) {
                workFailure = e;
                throw new BatchListenerFailedException(e.getMessage(), e, items.getFirst().record());
            } finally {
                for (Item<T> item : items) {
                    item.stop(workFailure);
                }
            }
        }
        if (failed != null) {
            throw new BatchListenerFailedException(failure.getMessage(), failure, failed);
        }
    }
}
