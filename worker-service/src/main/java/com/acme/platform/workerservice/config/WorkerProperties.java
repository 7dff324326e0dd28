package com.acme.platform.workerservice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * worker-service settings; every value is documented (unit and why) in application.yml. Listener retries
 * (platform.events.retry), calls to product-service (platform.http-client, resilience4j.*) are configured where
 * every service configures them.
 *
 * @param analytics Redis keys and the processed-event memory of the analytics group
 * @param metrics   refresh periods of the computed gauges
 */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(@NotNull @Valid Analytics analytics, @NotNull @Valid Metrics metrics) {

    public record Analytics(@NotNull String keyPrefix, @NotNull Duration processedEventTtl) {
    }

    public record Metrics(@Min(100) long lagRefreshMillis, @Min(100) long dlqRefreshMillis) {
    }
}
