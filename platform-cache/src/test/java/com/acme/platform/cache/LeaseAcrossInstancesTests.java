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

class LeaseAcrossInstancesTests extends CacheTestSupport {

    @Test
    void concurrentMissesOnTwoInstancesCauseOneLoadAndEveryoneGetsTheValue() throws Exception {
        String name = "lease-" + uniqueKey();
        StampedeProtectedCache<Item> one = cache(settings(name));
        StampedeProtectedCache<Item> two = cache(settings(name));
        Source source = new Source();
        source.write(new Item(1, "v1"));
        CountDownLatch slowLoad = new CountDownLatch(1);
        Loader<Item> loader = min -> {
            Loaded<Item> loaded = source.read(min);
            await(slowLoad, 200); // the load takes a while: everyone else piles up behind it
            return loaded;
        };
        String key = uniqueKey();

        List<Future<CacheRead<Item>>> reads = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 300; i++) {
                StampedeProtectedCache<Item> cache = i % 2 == 0 ? one : two;
                reads.add(pool.submit(() -> cache.get(key, 0, loader)));
            }
            slowLoad.countDown();
            for (Future<CacheRead<Item>> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS).value()).contains(new Item(1, "v1"));
            }
        }
        assertThat(source.loads.get()).isEqualTo(1);
    }

    @Test
    void negativeEntryAbsorbsAFloodForAMissingKey() throws Exception {
        StampedeProtectedCache<Item> cache = cache(settings("negative-" + uniqueKey()));
        Source source = new Source(); // nothing stored
        String key = uniqueKey();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<CacheRead<Item>>> reads = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                reads.add(pool.submit(() -> cache.get(key, 0, source::read)));
            }
            for (Future<CacheRead<Item>> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS).value()).isEmpty();
            }
        }
        assertThat(source.loads.get()).isLessThanOrEqualTo(1);
    }

    @Test
    void naiveModeLetsEveryConcurrentMissLoad() throws Exception {
        String name = "naive-" + uniqueKey();
        StampedeProtectedCache<Item> cache = cache(settings(name).withMode(CacheSettings.Mode.NAIVE));
        Source source = new Source();
        source.write(new Item(1, "v1"));
        CountDownLatch slowLoad = new CountDownLatch(1);
        String key = uniqueKey();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<CacheRead<Item>>> reads = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                reads.add(pool.submit(() -> cache.get(key, 0, min -> {
                    Loaded<Item> loaded = source.read(min);
                    await(slowLoad, 200);
                    return loaded;
                })));
            }
            slowLoad.countDown();
            for (Future<CacheRead<Item>> read : reads) {
                read.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(source.loads.get()).isGreaterThan(1);
    }

    static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
