package com.acme.platform.workerservice.retention;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long worker-service remembers processed event ids, and how the retention job deletes them; every value is
 * documented (unit and why) in application.yml.
 *
 * @param processedEvents  how long a group remembers an event id; longer than the topics' retention, so no
 *                         redelivery or replay of a record still in Kafka can find its id forgotten and apply it twice
 * @param interval         pause between two retention runs
 * @param batchSize        rows per DELETE (one short transaction each)
 * @param maxBatchesPerRun cap of batches per run
 */
@Validated
@ConfigurationProperties("worker.retention")
public record RetentionProperties(@NotNull Duration processedEvents, @NotNull Duration interval, @Min(1) int batchSize,
                                  @Min(1) int maxBatchesPerRun) {
}
