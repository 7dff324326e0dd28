package com.acme.platform.cache;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Keeps a Redis outage from becoming slow requests: every Redis call goes through a Resilience4j circuit breaker
 * (after a few failures, calls fail at once for {@code breakerOpenDuration}, then a few probes decide whether Redis
 * is back), and database loads made while bypassing the cache go through a bulkhead so that losing the cache does
 * not turn every request into a concurrent database query.
 */
final class RedisDownBreaker {

    private final CircuitBreaker breaker;
    private final Bulkhead bypassLoads;
    private final String cacheName;

    RedisDownBreaker(CacheSettings settings) {
        this.cacheName = settings.name();
        this.breaker = CircuitBreaker.of("redis-" + settings.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerOpenDuration())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        this.bypassLoads = Bulkhead.of("cache-bypass-" + settings.name(), BulkheadConfig.custom()
                .maxConcurrentCalls(settings.bypassMaxConcurrentLoads())
                // A request may queue briefly for a slot; longer and it would rather fail fast (503).
                .maxWaitDuration(Duration.ofMillis(500))
                .build());
    }

    /** Runs one Redis call; any failure (timeout, rejected while disconnected, breaker open) becomes {@link RedisUnavailable}. */
    <T> T call(Supplier<T> redisCall) {
        try {
            return breaker.executeSupplier(redisCall);
        } catch (CallNotPermittedException e) {
            throw new RedisUnavailable(e);
        } catch (RuntimeException e) {
            if (e instanceof RedisUnavailable) {
                throw e;
            }
            throw new RedisUnavailable(e);
        }
    }

    /** False while the breaker is open or probing: the L1 cannot be trusted then (invalidations may be missed). */
    boolean redisHealthy() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    boolean redisCallsPermitted() {
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    <T> T bypassLoad(Supplier<T> load) {
        if (!bypassLoads.tryAcquirePermission()) {
            throw new CacheBypassRejectedException(cacheName);
        }
        try {
            return load.get();
        } finally {
            bypassLoads.onComplete();
        }
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Redis could not be used for this call; the caller bypasses the cache. */
    static final class RedisUnavailable extends RuntimeException {
        RedisUnavailable(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }
}
