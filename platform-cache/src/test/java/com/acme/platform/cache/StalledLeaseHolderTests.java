package com.acme.platform.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StalledLeaseHolderTests extends CacheTestSupport {

    @Test
    void aWaiterTakesOverAfterTheLeaseExpiresAndTheStalledHoldersLateResultIsRefused() throws Exception {
        String name = "stall-" + uniqueKey();
        CacheSettings settings = settings(name).withLease(Duration.ofMillis(300), Duration.ofSeconds(3));
        StampedeProtectedCache<Item> stalledInstance = cache(settings);
        StampedeProtectedCache<Item> otherInstance = cache(settings);
        Source source = new Source();
        source.write(new Item(1, "v1"));
        String key = uniqueKey();
        CountDownLatch readOldRow = new CountDownLatch(1);
        CountDownLatch unstall = new CountDownLatch(1);

        CompletableFuture<CacheRead<Item>> stalled = CompletableFuture.supplyAsync(() -> stalledInstance.get(key, 0, min -> {
            Loaded<Item> old = source.read(min);
            readOldRow.countDown();
            LeaseAcrossInstancesTests.await(unstall, 20_000); // stalls far past its 300 ms lease
            return old;
        }));
        assertThat(readOldRow.await(10, TimeUnit.SECONDS)).isTrue();
        long position = source.write(new Item(2, "v2"));
        otherInstance.invalidate(key, 2, position, false);

        long t0 = System.nanoTime();
        CacheRead<Item> takeover = otherInstance.get(key, 0, source::read);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(takeover.value()).contains(new Item(2, "v2"));
        assertThat(waitedMillis).as("bounded by lease-wait-max").isLessThan(3_000);

        unstall.countDown();
        // The stalled holder's v1 is refused by the fence; it answers with the newer value instead.
        assertThat(stalled.get(10, TimeUnit.SECONDS).value()).contains(new Item(2, "v2"));
        assertThat(otherInstance.get(key, 0, source::read).value()).contains(new Item(2, "v2"));
        assertThat(stalledInstance.get(key, 0, source::read).value()).contains(new Item(2, "v2"));
    }

    @Test
    void noCallerWaitsPastTheWaitBoundEvenWhileTheLeaseIsStillHeld() throws Exception {
        String name = "bound-" + uniqueKey();
        CacheSettings settings = settings(name).withLease(Duration.ofSeconds(30), Duration.ofMillis(500));
        StampedeProtectedCache<Item> holderInstance = cache(settings);
        StampedeProtectedCache<Item> waiterInstance = cache(settings);
        Source source = new Source();
        source.write(new Item(1, "v1"));
        String key = uniqueKey();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch unstall = new CountDownLatch(1);
        CompletableFuture<CacheRead<Item>> holder = CompletableFuture.supplyAsync(() -> holderInstance.get(key, 0, min -> {
            holding.countDown();
            LeaseAcrossInstancesTests.await(unstall, 20_000);
            return source.read(min);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        long t0 = System.nanoTime();
        CacheRead<Item> read = waiterInstance.get(key, 0, source::read);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        unstall.countDown();

        assertThat(read.value()).contains(new Item(1, "v1"));
        assertThat(read.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(waitedMillis).isBetween(400L, 2_500L);
        holder.get(10, TimeUnit.SECONDS);
    }
}
