package com.acme.platform.cache;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.Devstack.Server;
import com.acme.platform.devstack.DevstackExtension;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hung Redis (process frozen: the connection stays open, no reply ever comes) costs the command timeout to the
 * first reads only; the breaker then keeps reads off Redis, probes it in the background, and closes once it answers.
 */
class RedisHangTests extends CacheTestSupport {

    @Test
    void aHungRedisCostsTheFirstReadsTheirTimeoutThenReadsBypassAtOnceAndCachingResumesAfterIt() {
        Devstack devstack = DevstackExtension.shared();
        StampedeProtectedCache<Item> cache = cache(settings("hang-" + uniqueKey()));
        Source source = new Source();
        source.write(new Item(1, "v1"));

        List<Long> millis = new ArrayList<>();
        devstack.freeze(Server.REDIS);
        try {
            // Distinct keys: nothing comes from the L1, every read would need Redis. Three seconds of reads span more
            // than one breaker-open period (2 s), so the reads see the breaker's probing too.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                CacheRead<Item> read = cache.get(uniqueKey(), 0, source::read);
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                assertThat(read.outcome()).isEqualTo(CacheOutcome.BYPASS);
                assertThat(read.value()).contains(new Item(1, "v1"));
            }
            assertThat(registry.get("cache.redis.available").tag("cache", cache.settings().name()).gauge().value())
                    .isZero();
        } finally {
            devstack.resume(Server.REDIS);
        }
        long slow = millis.stream().filter(ms -> ms >= 200).count();
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("[redis-hang] %d reads in 3 s: first five %s ms, p50 %d ms, max %d ms, %d reads >= 200 ms%n",
                millis.size(), millis.subList(0, Math.min(5, millis.size())), sorted.get(sorted.size() / 2),
                sorted.getLast(), slow);
        // Two timeouts open the breaker; probes run in the background, so no later read waits on Redis. Generous
        // bound for a busy machine: a handful of reads may be slow for other reasons.
        assertThat(slow).isLessThanOrEqualTo(4);
        assertThat(millis.subList(2, millis.size())).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));

        String key = uniqueKey();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            cache.get(key, 0, source::read);
            return cache.get(key, 0, source::read).outcome() == CacheOutcome.HIT;
        });
    }
}
