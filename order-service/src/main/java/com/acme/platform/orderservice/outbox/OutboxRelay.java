package com.acme.platform.orderservice.outbox;

import com.acme.platform.orderservice.config.OrderProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka and marks them sent.
 *
 * <p>Hand-written because the library candidates do not fit: Spring Modulith's event publication registry does not
 * resubmit failed publications on a schedule by itself (Kafka down for a minute would strand events until a
 * restart or custom code), and Debezium-style CDC needs a Kafka Connect cluster.
 *
 * <p>No database transaction or row lock is held while Kafka is waited for (up to {@code send-timeout}): a batch is
 * <ol>
 * <li><b>claimed</b> in one statement that commits at once ({@link OutboxRepository#claim}):
 * {@code claimed_until = now() + claim-lease} on unsent, unclaimed (or lapsed) rows, picked with
 * {@code FOR UPDATE SKIP LOCKED} so concurrent relays (several order-service instances) never claim the same row;</li>
 * <li><b>sent</b>, and every acknowledgement awaited;</li>
 * <li><b>marked sent</b> ({@code sent_at}); on a failure the claim is released, so the next run retries the rows.</li>
 * </ol>
 * The lease (30 s) is longer than the send timeout (15 s), so a live relay always finishes with its rows before
 * another may claim them; only a relay that died mid-batch leaves a claim to lapse. A crash after Kafka acknowledged
 * and before the mark re-publishes the rows (at-least-once; consumers are idempotent by event id), never loses them.
 *
 * <p><b>Order per key.</b> A row is claimed only if no earlier unsent row has the same key: a batch holds at most
 * one row per key, and a key's next row is published only once the previous one is marked sent. So per-key order
 * holds across relays, failures and lapsed claims (a re-published row is a duplicate, never a reordering).
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final KafkaTemplate<String, String> kafka;
    private final OrderProperties.Outbox settings;
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean failing;

    OutboxRelay(OutboxRepository outbox, KafkaTemplate<String, String> kafka, OrderProperties properties,
                MeterRegistry meters) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.settings = properties.outbox();
        Gauge.builder("outbox_backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published to Kafka")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${orders.outbox.poll-interval-millis}")
    void relay() {
        try {
            int published;
            do {
                published = publishBatch();
            } while (published > 0);
            if (failing) {
                log.info("outbox relay: publishing again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("outbox relay: publishing failed, rows stay in the outbox and are retried: {}", e.toString());
                failing = true;
            }
        }
    }

    int publishBatch() {
        List<OutboxRepository.Row> rows = outbox.claim(settings.batchSize(), settings.claimLease());
        if (rows.isEmpty()) {
            return 0;
        }
        try {
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
            for (OutboxRepository.Row row : rows) {
                sends.add(kafka.send(row.topic(), row.key(), row.payload()));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            release(rows);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e.getMessage(), e);
        }
        outbox.markSent(rows);
        return rows.size();
    }

    private void release(List<OutboxRepository.Row> rows) {
        try {
            outbox.release(rows);
        } catch (RuntimeException e) {
            log.debug("outbox relay: claim not released, it lapses by itself: {}", e.toString());
        }
    }

    /**
     * On its own schedule (and thread, see spring.task.scheduling.pool.size): while Kafka hangs, a relay run waits for
     * its batch up to the delivery timeout, and the backlog must keep growing on the dashboard meanwhile.
     */
    @Scheduled(fixedDelayString = "${orders.outbox.poll-interval-millis}")
    void refreshBacklog() {
        try {
            backlog.set(outbox.countUnsent());
        } catch (RuntimeException e) {
            log.debug("outbox backlog not refreshed: {}", e.toString());
        }
    }
}
