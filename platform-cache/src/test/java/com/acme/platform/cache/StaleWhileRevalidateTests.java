package com.acme.platform.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StaleWhileRevalidateTests extends CacheTestSupport {

    @Test
    void pastTheSoftTtlEveryoneGetsTheStaleValueAtOnceAndOneCallerRefreshes() throws Exception {
        String name = "swr-" + uniqueKey();
        CacheSettings settings = settings(name).withSoftTtl(Duration.ofMillis(300)).withXfetchBeta(0);
        StampedeProtectedCache<Item> one = cache(settings);
        StampedeProtectedCache<Item> two = cache(settings);
        Source source = new Source();
        source.write(new Item(1, "v1"));
        String key = uniqueKey();
        assertThat(one.get(key, 0, source::read).outcome()).isEqualTo(CacheOutcome.MISS);
        long filledAt = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > filledAt + 400);

        CountDownLatch slowRefresh = new CountDownLatch(1);
        Loader<Item> slowLoader = min -> {
            Loaded<Item> loaded = source.read(min);
            LeaseAcrossInstancesTests.await(slowRefresh, 10_000); // the refresh takes "forever"
            return loaded;
        };
        List<Future<CacheRead<Item>>> reads = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                StampedeProtectedCache<Item> cache = i % 2 == 0 ? one : two;
                reads.add(pool.submit(() -> cache.get(key, 0, slowLoader)));
            }
            for (Future<CacheRead<Item>> read : reads) {
                // They answer while the refresh is still blocked: nobody waits for it.
                CacheRead<Item> r = read.get(5, TimeUnit.SECONDS);
                assertThat(r.outcome()).isEqualTo(CacheOutcome.STALE);
                assertThat(r.value()).contains(new Item(1, "v1"));
            }
        }
        slowRefresh.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> one.get(key, 0, source::read).outcome() == CacheOutcome.HIT);
        assertThat(source.loads.get()).as("the first load plus exactly one background refresh").isEqualTo(2);
    }
}
