package com.acme.platform.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the rate limiter should ask Redis at all. A stopped Redis refuses commands at once and the limiter's
 * fail-open path costs nothing; a hung one (frozen process, network partition) costs each check the full command
 * timeout (250 ms), on every request through the gateway. So: {@value #FAILURES_TO_OPEN} failed checks in a row open
 * this breaker, requests then skip the limiter (fail open) without touching Redis, and once the open period is over
 * one request's check runs in the background as the probe: the request itself does not wait for it.
 *
 * <p>A Resilience4j breaker built from the YAML configuration {@code resilience4j.circuitbreaker.configs.rate-limiter-redis}
 * but not registered: the registry's event consumers would make Resilience4j build an event object on every call,
 * and every request through the gateway makes one. The gauge {@code gateway_rate_limit_redis_available} (1/0) and one
 * log line per change show its state.
 */
@Component
public class RedisLimiterBreaker {

    private static final Logger log = LoggerFactory.getLogger(RedisLimiterBreaker.class);
    /** Failed checks in a row that open the breaker; a healthy Redis on loopback or a LAN answers in ~1 ms. */
    static final int FAILURES_TO_OPEN = 2;

    private final CircuitBreaker breaker;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicReference<CircuitBreaker.State> loggedState = new AtomicReference<>(CircuitBreaker.State.CLOSED);

    public RedisLimiterBreaker(CircuitBreakerRegistry registry, MeterRegistry meters) {
        this.breaker = CircuitBreaker.of("rate-limiter-redis", registry.getConfiguration("rate-limiter-redis")
                .orElseThrow(() -> new IllegalStateException("resilience4j.circuitbreaker.configs.rate-limiter-redis is missing")));
        Gauge.builder("gateway.rate.limit.redis.available", this, b -> b.closed() ? 1 : 0)
                .description("1 while rate-limit checks go to Redis; 0 while they are skipped (fail open) because Redis failed")
                .register(meters);
    }

    /** True: ask Redis in the request's path. */
    boolean closed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /** While open: true for the one check that may probe Redis now (in the background), once the open period is over. */
    boolean tryProbe() {
        return breaker.tryAcquirePermission();
    }

    void succeeded(long nanos) {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0); // read first: the common case writes nothing shared
        }
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        logStateChange("Redis answers again");
    }

    void failed(long nanos) {
        RedisUnavailable failure = new RedisUnavailable();
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        if (consecutiveFailures.incrementAndGet() >= FAILURES_TO_OPEN && breaker.getState() == CircuitBreaker.State.CLOSED) {
            breaker.transitionToOpenState();
        }
        logStateChange("a rate-limit check failed after " + nanos / 1_000_000 + " ms");
    }

    private void logStateChange(String why) {
        CircuitBreaker.State now = breaker.getState();
        CircuitBreaker.State logged = loggedState.get();
        if (now != logged && loggedState.compareAndSet(logged, now)) {
            log.warn("rate limiter Redis breaker {} -> {} ({}); while not CLOSED requests are not rate limited", logged,
                    now, why);
        }
    }

    private static final class RedisUnavailable extends RuntimeException {
        RedisUnavailable() {
            super("Redis did not answer the rate-limit check", null, false, false);
        }
    }
}
