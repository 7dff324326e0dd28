package com.acme.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process L1 (Caffeine, used directly: a Spring-managed Caffeine cache would be bound to the standard
 * {@code cache_gets_total} meters and clash with the contract's). Small and short-lived; kept coherent by
 * {@link L1InvalidationListener}. Its meters are {@code cache_l1_gets_total{result}} and {@code cache_l1_size}.
 */
final class NearCache {

    private final Cache<String, Entry> entries;
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;
    /**
     * Bumped by every invalidation. A reader notes it before it fetches from Redis and offers the entry with it; an
     * entry fetched before an invalidation that has meanwhile been processed is not kept (else an instance could
     * fetch the old value, process the write's invalidation, and only then put the old value into its L1).
     */
    private final AtomicLong generation = new AtomicLong();

    NearCache(CacheSettings settings, MeterRegistry registry) {
        this.enabled = settings.l1MaxSize() > 0 && settings.mode() == CacheSettings.Mode.PROTECTED;
        this.entries = Caffeine.newBuilder()
                .maximumSize(Math.max(settings.l1MaxSize(), 1))
                .expireAfterWrite(settings.l1Ttl())
                .build();
        this.hits = Counter.builder("cache.l1.gets").tag("cache", settings.name()).tag("result", "hit").register(registry);
        this.misses = Counter.builder("cache.l1.gets").tag("cache", settings.name()).tag("result", "miss").register(registry);
        Gauge.builder("cache.l1.size", entries, Cache::estimatedSize).tag("cache", settings.name()).register(registry);
    }

    /** A fresh value at or past {@code minPosition}, or null. */
    Entry get(String id, long minPosition, long nowMillis) {
        if (!enabled) {
            return null;
        }
        Entry entry = entries.getIfPresent(id);
        if (entry == null || entry.position() < minPosition || entry.softExpired(nowMillis)) {
            misses.increment();
            return null;
        }
        hits.increment();
        return entry;
    }

    /** The generation to pass to {@link #put}: read it before fetching the entry from Redis. */
    long generation() {
        return generation.get();
    }

    void put(String id, Entry entry, long fetchedAtGeneration) {
        if (enabled && entry.isValue()) {
            entries.put(id, entry);
            // Checked after the put: an invalidation that raced with it either sees the entry and removes it, or
            // has bumped the generation before this check and the entry is removed here.
            if (generation.get() != fetchedAtGeneration) {
                entries.invalidate(id);
            }
        }
    }

    void invalidate(String id) {
        generation.incrementAndGet();
        entries.invalidate(id);
    }

    void clear() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }
}
