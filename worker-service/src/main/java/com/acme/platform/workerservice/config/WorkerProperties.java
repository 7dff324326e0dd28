package com.acme.platform.workerservice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * worker-service settings; every value is documented (unit and why) in application.yml.
 *
 * @param retry          blocking retries of a failed event before it goes to the dead-letter topic
 * @param productService the stock reservation client (fulfillment group)
 * @param analytics      Redis keys and the processed-event memory of the analytics group
 * @param metrics        refresh periods of the computed gauges
 */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(@NotNull @Valid Retry retry, @NotNull @Valid ProductService productService,
                               @NotNull @Valid Analytics analytics, @NotNull @Valid Metrics metrics) {

    public record Retry(@Min(1) int maxAttempts, @NotNull Duration initialInterval, double multiplier,
                        @NotNull Duration maxInterval) {
    }

    public record ProductService(@NotNull Duration connectTimeout, @NotNull Duration readTimeout,
                                 @Min(1) int maxAttempts, @NotNull Duration retryWait,
                                 @Min(1) int failureRateThreshold, @NotNull Duration openFor) {
    }

    public record Analytics(@NotNull String keyPrefix, @NotNull Duration processedEventTtl) {
    }

    public record Metrics(@Min(100) long lagRefreshMillis, @Min(100) long dlqRefreshMillis) {
    }
}
