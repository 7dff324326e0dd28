package com.acme.platform.orderservice.clients.product;

import com.acme.platform.orderservice.config.OrderProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * product-service's batch lookup ({@code GET /internal/products?ids=}, docs/internal-api.md), load balanced over its
 * instances by Spring Cloud LoadBalancer. Each attempt passes the circuit breaker; the retry wraps the breaker, so
 * a failed attempt on one instance is retried (round robin picks the next instance) and every attempt counts
 * towards opening the breaker. Once open, calls fail at once instead of waiting for timeouts.
 */
@Component
public class ProductClient {

    private final RestClient rest;
    private final CircuitBreaker breaker;
    private final Retry retry;

    ProductClient(RestClient.Builder loadBalancedRestClientBuilder, OrderProperties properties, MeterRegistry meters) {
        this.rest = loadBalancedRestClientBuilder.baseUrl("http://product-service").build();
        OrderProperties.ProductService settings = properties.productService();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .waitDurationInOpenState(settings.openFor())
                .recordException(ProductClient::isTransient)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .waitDuration(settings.retryWait())
                .retryOnException(ProductClient::isTransient)
                .build());
        this.breaker = breakers.circuitBreaker("product-service");
        this.retry = retries.retry("product-service");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    /** The products that exist among {@code ids}, by id; unknown ids are absent. */
    public Map<UUID, ProductInfo> lookup(Collection<UUID> ids) {
        String joined = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
        try {
            BatchResponse response = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker,
                    () -> rest.get().uri("/internal/products?ids={ids}", joined).retrieve().body(BatchResponse.class)))
                    .get();
            List<ProductInfo> items = response == null || response.items() == null ? List.of() : response.items();
            return items.stream().collect(Collectors.toMap(ProductInfo::id, Function.identity(), (a, b) -> a));
        } catch (RuntimeException e) {
            if (isTransient(e) || e instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
                throw new ProductServiceUnavailableException("product-service is unavailable: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** I/O errors and 5xx answers may go away on another instance or a moment later; 4xx answers will not. */
    private static boolean isTransient(Throwable e) {
        if (e instanceof ResourceAccessException || e instanceof HttpServerErrorException) {
            return true;
        }
        // An I/O error anywhere below, e.g. the connection closing or timing out while the body is being read (Jackson
        // wraps it in its own exception first): the answer never arrived whole, another attempt may get it.
        if (e instanceof RestClientException) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof java.io.IOException) {
                    return true;
                }
            }
        }
        return false;
    }

    record BatchResponse(List<ProductInfo> items) {
    }
}
