package com.acme.platform.orderservice.retention;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long order-service keeps rows it no longer needs, and how the retention job deletes them; every value is
 * documented (unit and why) in application.yml.
 *
 * @param idempotencyKeys  the replay window: a key (with its stored reply) is kept this long after its first use; a
 *                         repeat after the window places a new order
 * @param sentOutbox       how long an outbox row is kept after Kafka acknowledged it (the relay never reads it again)
 * @param interval         pause between two retention runs
 * @param batchSize        rows per DELETE (one short transaction each)
 * @param maxBatchesPerRun cap of batches per table and run
 */
@Validated
@ConfigurationProperties("orders.retention")
public record RetentionProperties(@NotNull Duration idempotencyKeys, @NotNull Duration sentOutbox,
                                  @NotNull Duration interval, @Min(1) int batchSize, @Min(1) int maxBatchesPerRun) {
}
