package com.acme.platform.orderservice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * order-service settings; every value is documented (unit and why) in application.yml. The calls to product-service
 * are configured where every service configures them: platform.http-client (timeouts) and resilience4j.* (breaker,
 * retry).
 *
 * @param productService what a client is told while product-service is unavailable
 * @param outbox         how the relay drains the outbox to Kafka
 */
@Validated
@ConfigurationProperties("orders")
public record OrderProperties(@NotNull @Valid ProductService productService, @NotNull @Valid Outbox outbox) {

    /**
     * @param retryAfter what a 503 tells the client in Retry-After
     */
    public record ProductService(@NotNull Duration retryAfter) {
    }

    /**
     * @param batchSize   rows claimed and published per relay batch
     * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch before releasing its claim
     * @param claimLease  how long a claim keeps other relays off the rows; longer than {@code sendTimeout}, so only a
     *                    relay that died mid-batch ever leaves a claim to lapse
     */
    public record Outbox(@Min(1) int batchSize, @NotNull Duration sendTimeout, @NotNull Duration claimLease) {
        public Outbox {
            if (claimLease != null && sendTimeout != null && claimLease.compareTo(sendTimeout) <= 0) {
                throw new IllegalArgumentException("orders.outbox.claim-lease (" + claimLease
                        + ") must be longer than orders.outbox.send-timeout (" + sendTimeout + ")");
            }
        }
    }
}
