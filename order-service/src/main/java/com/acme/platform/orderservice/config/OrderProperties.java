package com.acme.platform.orderservice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * order-service settings; every value is documented (unit and why) in application.yml.
 *
 * @param productService how order placement calls product-service's batch lookup
 * @param outbox         how the relay drains the outbox to Kafka
 */
@Validated
@ConfigurationProperties("orders")
public record OrderProperties(@NotNull @Valid ProductService productService, @NotNull @Valid Outbox outbox) {

    /**
     * @param connectTimeout   TCP connect timeout per attempt
     * @param readTimeout      response timeout per attempt
     * @param maxAttempts      attempts in total (the batch lookup is a GET, so retrying it is safe)
     * @param retryWait        pause between attempts
     * @param failureRateThreshold percentage of failed calls that opens the circuit breaker
     * @param openFor          how long the breaker stays open before letting a probe through
     * @param retryAfter       what a 503 tells the client in Retry-After
     */
    public record ProductService(@NotNull Duration connectTimeout, @NotNull Duration readTimeout,
                                 @Min(1) int maxAttempts, @NotNull Duration retryWait,
                                 @Min(1) int failureRateThreshold, @NotNull Duration openFor,
                                 @NotNull Duration retryAfter) {
    }

    /**
     * @param batchSize   rows published per relay transaction
     * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch before rolling back
     */
    public record Outbox(@Min(1) int batchSize, @NotNull Duration sendTimeout) {
    }
}
