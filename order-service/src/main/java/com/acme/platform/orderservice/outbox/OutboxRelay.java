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
import org.springframework.transaction.support.TransactionTemplate;

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
 * restart or custom code), and Debezium-style CDC needs a Kafka Connect cluster. The relay is one query
 * ({@link OutboxRepository#lockUnsent}, {@code FOR UPDATE SKIP LOCKED}) that lets several order-service instances
 * drain the outbox without publishing a row twice at the same time; rows are marked sent only after Kafka acknowledged them, in the same transaction that
 * locked them. A crash between the acknowledgement and the commit re-publishes the batch (at-least-once; the
 * consumers are idempotent by event id), never loses it.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate transaction;
    private final OrderProperties.Outbox settings;
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean failing;

    OutboxRelay(OutboxRepository outbox, KafkaTemplate<String, String> kafka, TransactionTemplate transaction,
                OrderProperties properties, MeterRegistry meters) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.transaction = transaction;
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
            } while (published == settings.batchSize());
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
        Integer count = transaction.execute(status -> {
            List<OutboxRepository.Row> rows = outbox.lockUnsent(settings.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
            for (OutboxRepository.Row row : rows) {
                sends.add(kafka.send(row.topic(), row.key(), row.payload()));
            }
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                        .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge the batch: " + e.getMessage(), e);
            }
            outbox.markSent(rows);
            return rows.size();
        });
        return count == null ? 0 : count;
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
