package com.acme.platform.cache;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.DevstackExtension;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedisDownBypassTests extends CacheTestSupport {

    @Test
    void whileRedisIsDownReadsBypassQuicklyAndCachingResumesWhenItReturns() {
        Devstack devstack = DevstackExtension.shared();
        StampedeProtectedCache<Item> cache = cache(settings("down-" + uniqueKey()));
        Source source = new Source();
        source.write(new Item(1, "v1"));
        String key = uniqueKey();
        assertThat(cache.get(key, 0, source::read).outcome()).isEqualTo(CacheOutcome.MISS);

        devstack.stopRedis();
        try {
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                CacheRead<Item> read = cache.get(key, 0, source::read);
                slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                assertThat(read.outcome()).isEqualTo(CacheOutcome.BYPASS);
                assertThat(read.value()).contains(new Item(1, "v1"));
            }
            // Commands are rejected while disconnected, or time out after 250 ms: never Lettuce's 60 s default.
            assertThat(slowest).isLessThan(2_000);
        } finally {
            devstack.startRedis();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            cache.get(key, 0, source::read);
            return cache.get(key, 0, source::read).outcome() == CacheOutcome.HIT;
        });
    }
}
