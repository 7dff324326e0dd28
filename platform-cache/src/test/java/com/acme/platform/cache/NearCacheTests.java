package com.acme.platform.cache;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The L1 never keeps an entry fetched before an invalidation it has already processed. */
class NearCacheTests {

    private final NearCache l1 = new NearCache(CacheSettings.defaults("near"), new SimpleMeterRegistry());

    private static Entry value(long version) {
        return new Entry('V', version, 100, new byte[]{1}, Long.MAX_VALUE, 1, false);
    }

    @Test
    void anEntryFetchedBeforeAnInvalidationIsNotKept() {
        long fetchedAt = l1.generation();   // a reader fetches v1 from Redis ...
        l1.invalidate("k");                  // ... the write's invalidation is processed meanwhile ...
        l1.put("k", value(1), fetchedAt);    // ... and only then the reader offers v1 to the L1

        assertThat(l1.get("k", 0, 0)).isNull();
    }

    @Test
    void anEntryFetchedAfterTheLastInvalidationIsKept() {
        l1.invalidate("k");
        l1.put("k", value(2), l1.generation());

        assertThat(l1.get("k", 0, 0)).isNotNull().extracting(Entry::version).isEqualTo(2L);
    }

    @Test
    void clearingTheL1AlsoFencesOffFetchesInFlight() {
        long fetchedAt = l1.generation();
        l1.clear();
        l1.put("k", value(1), fetchedAt);

        assertThat(l1.get("k", 0, 0)).isNull();
    }
}
