package com.acme.platform.workerservice.clients.product;

import com.acme.platform.workerservice.config.WorkerProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.UUID;

/**
 * product-service's stock reservation ({@code POST /internal/stock-reservations}, docs/internal-api.md). The call
 * is idempotent per order id on the server, which is what makes retrying it (here, and by Kafka redelivery) safe:
 * stock is decremented once however often the same order is reserved.
 */
@Component
public class StockReservationClient {

    public record Line(UUID productId, int quantity) {
    }

    public record Reservation(UUID orderId, String status, String reason) {
        public boolean reserved() {
            return "RESERVED".equals(status);
        }
    }

    record ReservationRequest(UUID orderId, List<Line> items) {
    }

    private final RestClient rest;
    private final CircuitBreaker breaker;
    private final Retry retry;

    StockReservationClient(RestClient.Builder loadBalancedRestClientBuilder, WorkerProperties properties, MeterRegistry meters) {
        this.rest = loadBalancedRestClientBuilder.baseUrl("http://product-service").build();
        WorkerProperties.ProductService settings = properties.productService();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .waitDurationInOpenState(settings.openFor())
                .recordException(StockReservationClient::isTransient)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .waitDuration(settings.retryWait())
                .retryOnException(StockReservationClient::isTransient)
                .build());
        this.breaker = breakers.circuitBreaker("product-service");
        this.retry = retries.retry("product-service");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    public Reservation reserve(UUID orderId, List<Line> items) {
        return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker,
                () -> rest.post().uri("/internal/stock-reservations")
                        .body(new ReservationRequest(orderId, items))
                        .retrieve().body(Reservation.class))).get();
    }

    private static boolean isTransient(Throwable e) {
        return e instanceof ResourceAccessException || e instanceof HttpServerErrorException;
    }
}
