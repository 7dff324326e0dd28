package com.acme.platform.cache;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Keeps a Redis outage from becoming slow requests: every Redis call goes through a Resilience4j circuit breaker
 * (after a few failures, calls fail at once for {@code breakerOpenDuration}, then a few probes decide whether Redis
 * is back), and database loads made while bypassing the cache go through a bulkhead so that losing the cache does
 * not turn every request into a concurrent database query.
 */
final class RedisDownBreaker {

    private static final Logger log = LoggerFactory.getLogger(RedisDownBreaker.class);

    private final CircuitBreaker breaker;
    private final Bulkhead bypassLoads;
    private final String cacheName;
    /** For the log line of the next state change: the failure that led to it. */
    private volatile String lastFailure = "none";
    private final AtomicReference<CircuitBreaker.State> loggedState = new AtomicReference<>(CircuitBreaker.State.CLOSED);

    RedisDownBreaker(CacheSettings settings) {
        this.cacheName = settings.name();
        this.breaker = CircuitBreaker.of("redis-" + settings.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerOpenDuration())
                // No timer-driven OPEN -> HALF_OPEN: the breaker moves to probing on the first call after the wait. Every
                // read goes through call(), so the probe happens on the next read; nothing depends on Resilience4j's
                // JVM-wide transition thread.
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
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
        } catch (RedisUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            lastFailure = e.toString();
            throw new RedisUnavailable(e);
        } finally {
            logStateChange();
        }
    }

    /**
     * Operators see each change of Redis health once in the log, with the failure that caused it. Checked here after
     * each call rather than through the breaker's event consumers: with a consumer registered, Resilience4j builds a
     * timestamped event object for every successful call, and every cached read makes one.
     */
    private void logStateChange() {
        CircuitBreaker.State now = breaker.getState();
        CircuitBreaker.State logged = loggedState.get();
        if (now != logged && loggedState.compareAndSet(logged, now)) {
            log.warn("cache {}: Redis breaker {} -> {} (last Redis failure: {})", cacheName, logged, now, lastFailure);
        }
    }

    /** False while the breaker is open or probing: the L1 cannot be trusted then (invalidations may be missed). */
    boolean redisHealthy() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
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

    /** Redis could not be used for this call; the caller bypasses the cache. */
    static final class RedisUnavailable extends RuntimeException {
        RedisUnavailable(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }
}
