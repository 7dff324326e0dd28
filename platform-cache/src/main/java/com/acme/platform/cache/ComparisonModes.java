package com.acme.platform.cache;

import com.acme.platform.cache.RedisDownBreaker.RedisUnavailable;

import java.util.Optional;

/**
 * The two modes that exist only to be measured against {@link CacheSettings.Mode#PROTECTED} (bench/cache.sh,
 * product-service's StampedeAcrossInstancesTests): {@code NAIVE}, plain cache-aside (get; on a miss load and set; no
 * lease, XFetch, SWR, negative caching or L1), and {@code OFF}, no cache at all. Kept here so that
 * {@link StampedeProtectedCache}'s read path is the protected one only; it hands these modes over in one line.
 */
final class ComparisonModes {

    private ComparisonModes() {
    }

    static <V> CacheRead<V> read(StampedeProtectedCache<V> cache, CacheSettings.Mode mode, String id, long minPosition,
                                 Loader<V> loader) {
        return switch (mode) {
            case OFF -> new CacheRead<>(Optional.ofNullable(cache.loadCounted(minPosition, loader).value()), CacheOutcome.BYPASS);
            case NAIVE -> naive(cache, id, minPosition, loader);
            case PROTECTED -> throw new IllegalArgumentException("PROTECTED is StampedeProtectedCache's own read path");
        };
    }

    private static <V> CacheRead<V> naive(StampedeProtectedCache<V> cache, String id, long minPosition, Loader<V> loader) {
        Entry entry;
        try {
            entry = cache.fetch(id);
        } catch (RedisUnavailable e) {
            return cache.bypass(minPosition, loader);
        }
        if (entry != null && entry.kind() == 'V' && entry.position() >= minPosition) {
            return cache.answer(entry, CacheOutcome.HIT);
        }
        Loaded<V> loaded = cache.loadCounted(StampedeProtectedCache.fencePosition(entry, minPosition), loader);
        if (loaded.value() != null) {
            cache.fill(id, loaded, null, 1);
        }
        return new CacheRead<>(Optional.ofNullable(loaded.value()), CacheOutcome.MISS);
    }
}
