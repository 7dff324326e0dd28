package com.acme.platform.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The contract's meters: cache_gets_total{cache,result}, cache_loads_total{cache}, cache_lock_wait_seconds. */
final class CacheMetrics {

    private final Map<CacheOutcome, Counter> gets = new EnumMap<>(CacheOutcome.class);
    private final Counter loads;
    private final Counter invalidationFailures;
    private final Counter l1AckTimeouts;
    private final Timer lockWait;

    CacheMetrics(String cache, MeterRegistry registry) {
        for (CacheOutcome outcome : CacheOutcome.values()) {
            gets.put(outcome, Counter.builder("cache.gets").tag("cache", cache)
                    .tag("result", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        loads = Counter.builder("cache.loads").description("loads from the source of truth").tag("cache", cache).register(registry);
        invalidationFailures = Counter.builder("cache.invalidation.failures").tag("cache", cache).register(registry);
        l1AckTimeouts = Counter.builder("cache.l1.ack.timeouts")
                .description("writes that did not hear from every instance's L1 within l1AckWait").tag("cache", cache)
                .register(registry);
        lockWait = Timer.builder("cache.lock.wait").description("time spent waiting for another caller's load")
                .tag("cache", cache).publishPercentileHistogram().register(registry);
    }

    void got(CacheOutcome outcome) {
        gets.get(outcome).increment();
    }

    void loaded() {
        loads.increment();
    }

    void invalidationFailed() {
        invalidationFailures.increment();
    }

    void l1AckTimedOut() {
        l1AckTimeouts.increment();
    }

    void waitedForLease(long nanos) {
        lockWait.record(Duration.ofNanos(nanos));
    }
}
