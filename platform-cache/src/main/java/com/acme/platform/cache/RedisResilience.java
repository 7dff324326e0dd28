package com.acme.platform.cache;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * The two Resilience4j instances a cache uses when Redis fails. Applications build them from their Resilience4j
 * configuration, so they are configured like every other breaker of the platform (YAML, see product-service's
 * {@code resilience4j.circuitbreaker.configs.product-cache-redis}); {@link #defaults} is for code without Spring.
 * Build them with {@code CircuitBreaker.of}, not as registry instances: every read calls the breaker, and the event
 * consumer a registry's instances get would make an event object per read.
 *
 * @param redisBreaker guards every Redis call. Its window decides when failures open it, its
 *                     {@code waitDurationInOpenState} how long reads skip Redis before a background probe; set
 *                     {@code automaticTransitionFromOpenToHalfOpenEnabled: false} (the probe moves it) and
 *                     {@code permittedNumberOfCallsInHalfOpenState: 1} (the probe is one PING). Consecutive command
 *                     timeouts open it sooner than its window would: see {@link RedisDownBreaker}.
 * @param bypassLoads  bounds the database loads made at once while Redis is bypassed; a read that gets no permit
 *                     within its {@code maxWaitDuration} fails with {@link CacheBypassRejectedException} (a 503)
 */
public record RedisResilience(CircuitBreaker redisBreaker, Bulkhead bypassLoads) {

    public RedisResilience {
        Objects.requireNonNull(redisBreaker, "redisBreaker");
        Objects.requireNonNull(bypassLoads, "bypassLoads");
    }

    /** The settings product-service's YAML instances use, for a cache built without a Resilience4j registry. */
    public static RedisResilience defaults(String cacheName) {
        CircuitBreaker breaker = CircuitBreaker.of("redis-" + cacheName, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(2))
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        Bulkhead bypassLoads = Bulkhead.of("cache-bypass-" + cacheName, BulkheadConfig.custom()
                .maxConcurrentCalls(32)
                .maxWaitDuration(Duration.ofMillis(500))
                .build());
        return new RedisResilience(breaker, bypassLoads);
    }
}
