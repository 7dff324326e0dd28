package com.acme.platform.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Within one instance, concurrent reads of the same key share one trip to Redis (and at most one lease attempt), so
 * only one caller per instance polls Redis while a load runs elsewhere. A follower waits at most {@code maxWait},
 * then goes to Redis itself.
 */
final class LocalSingleFlight<T> {

    private final ConcurrentHashMap<String, CompletableFuture<T>> inFlight = new ConcurrentHashMap<>();
    private final long maxWaitMillis;

    LocalSingleFlight(long maxWaitMillis) {
        this.maxWaitMillis = maxWaitMillis;
    }

    T run(String key, Supplier<T> work) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> leader = inFlight.putIfAbsent(key, mine);
        if (leader == null) {
            try {
                T result = work.get();
                mine.complete(result);
                return result;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(key, mine);
            }
        }
        try {
            return leader.get(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a concurrent read of " + key, e);
        }
    }
}
