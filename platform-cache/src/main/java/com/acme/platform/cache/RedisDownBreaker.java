package com.acme.platform.cache;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisCommandTimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Keeps a Redis outage from becoming slow requests: every Redis call goes through a Resilience4j circuit breaker
 * (after a few failures, calls fail at once for its {@code waitDurationInOpenState}, then a probe decides whether Redis
 * is back), and database loads made while bypassing the cache go through a bulkhead so that losing the cache does not
 * turn every request into a concurrent database query. Both come configured from the application
 * ({@link RedisResilience}); this class adds what a breaker's configuration cannot express.
 *
 * <p>A stopped Redis refuses connections and each call fails in microseconds; a hung one (frozen process, network
 * partition) keeps the connection open and each call costs the full command timeout. Two things keep a hang from
 * costing every request that timeout:
 * <ul>
 *   <li>{@value #TIMEOUTS_TO_OPEN} command timeouts in a row open the breaker at once. The count-based window alone
 *       would wait for its failure rate (e.g. half of the last 20 calls), and while Redis was healthy those were all successes: ten
 *       reads in a row would pay the timeout first. On loopback or a LAN a Redis command takes well under a
 *       millisecond, so two timeouts in a row mean Redis is hung or far too slow to be worth waiting for.</li>
 *   <li>While the breaker is not closed, requests never call Redis: a background probe ({@code PING}, at most one at a
 *       time, once per open period) decides when it is back, so probing costs no request the
 *       timeout either.</li>
 * </ul>
 */
final class RedisDownBreaker {

    private static final Logger log = LoggerFactory.getLogger(RedisDownBreaker.class);
    /** Consecutive command timeouts that open the breaker without waiting for the failure rate. */
    static final int TIMEOUTS_TO_OPEN = 2;
    private static final long PROBE_CHECK_MILLIS = 100;

    private final CircuitBreaker breaker;
    private final Bulkhead bypassLoads;
    private final String cacheName;
    private final Runnable probe;
    private final Executor probeExecutor;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long nextProbeCheck = System.nanoTime();
    private final AtomicInteger consecutiveTimeouts = new AtomicInteger();
    /** For the log line of the next state change: the failure that led to it. */
    private volatile String lastFailure = "none";
    private final AtomicReference<CircuitBreaker.State> loggedState = new AtomicReference<>(CircuitBreaker.State.CLOSED);

    /**
     * @param probe         one cheap Redis round trip (PING) that throws when Redis does not answer in time
     * @param probeExecutor runs the probe off the request thread
     */
    RedisDownBreaker(String cacheName, RedisResilience resilience, Runnable probe, Executor probeExecutor) {
        this.cacheName = cacheName;
        this.probe = probe;
        this.probeExecutor = probeExecutor;
        this.breaker = resilience.redisBreaker();
        this.bypassLoads = resilience.bypassLoads();
    }

    /** Runs one Redis call; any failure (timeout, rejected while disconnected, breaker open) becomes {@link RedisUnavailable}. */
    <T> T call(Supplier<T> redisCall) {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            // Open or probing: the request bypasses Redis at once; a background probe finds out when it is back.
            probeInBackground();
            throw RedisUnavailable.RESTING;
        }
        try {
            T result = breaker.executeSupplier(redisCall);
            if (consecutiveTimeouts.get() != 0) {
                consecutiveTimeouts.set(0); // read first: the common case writes nothing shared
            }
            return result;
        } catch (CallNotPermittedException e) {
            throw RedisUnavailable.RESTING;
        } catch (RedisUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            lastFailure = e.toString();
            if (e instanceof RedisCommandTimeoutException && consecutiveTimeouts.incrementAndGet() >= TIMEOUTS_TO_OPEN
                    && breaker.getState() == CircuitBreaker.State.CLOSED) {
                lastFailure = TIMEOUTS_TO_OPEN + " command timeouts in a row, Redis is not answering: " + e;
                breaker.transitionToOpenState();
            }
            throw new RedisUnavailable(e);
        } finally {
            logStateChange();
        }
    }

    /**
     * At most one probe at a time, and a look at the breaker at most every {@value #PROBE_CHECK_MILLIS} ms (not one
     * background task per bypassed read); the probe runs only once the open period is over (the breaker says so).
     */
    private void probeInBackground() {
        long now = System.nanoTime();
        if (now - nextProbeCheck < 0 || !probing.compareAndSet(false, true)) {
            return;
        }
        nextProbeCheck = now + TimeUnit.MILLISECONDS.toNanos(PROBE_CHECK_MILLIS);
        try {
            probeExecutor.execute(() -> {
                try {
                    if (breaker.tryAcquirePermission()) {
                        long t0 = System.nanoTime();
                        try {
                            probe.run();
                            consecutiveTimeouts.set(0);
                            breaker.onSuccess(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                        } catch (RuntimeException e) {
                            lastFailure = "probe: " + e;
                            breaker.onError(System.nanoTime() - t0, TimeUnit.NANOSECONDS, e);
                        }
                    }
                } finally {
                    probing.set(false);
                    logStateChange();
                }
            });
        } catch (RejectedExecutionException closed) {
            probing.set(false);
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
            if (now == CircuitBreaker.State.CLOSED) {
                log.warn("cache {}: Redis breaker {} -> {}: Redis answers again, reads use the cache", cacheName, logged, now);
            } else {
                log.warn("cache {}: Redis breaker {} -> {}: reads bypass Redis (last Redis failure: {})", cacheName,
                        logged, now, lastFailure);
            }
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
        /** Thrown while the breaker keeps calls off Redis: one shared instance, as no call was made. */
        static final RedisUnavailable RESTING = new RedisUnavailable("Redis breaker open: calls skip Redis until a probe succeeds");

        RedisUnavailable(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }

        private RedisUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
