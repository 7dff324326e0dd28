package com.acme.platform.cache;

import com.acme.platform.cache.DistributedLease.Attempt;
import com.acme.platform.cache.RedisDownBreaker.RedisUnavailable;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Cache-aside over Redis that stays correct and calm with many instances: one database load per key per
 * invalidation across all instances (lease), no stale refill (version fence), early and background refresh
 * (XFetch, stale-while-revalidate), negative caching, an L1 kept coherent by pub/sub, and a bypass when Redis is down.
 *
 * <pre>
 * CacheRead&lt;Product&gt; read = cache.get(id.toString(), token, minPosition -&gt; repository.load(id, minPosition));
 * cache.invalidate(id.toString(), newVersion, commitPosition, deleted);   // after the write committed
 * </pre>
 */
public final class StampedeProtectedCache<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StampedeProtectedCache.class);
    private static final long MAX_BACKOFF_MILLIS = 50;

    private final CacheSettings settings;
    private final CacheCodec<V> codec;
    private final Clock clock;
    private final RedisConnector redis;
    private final RedisDownBreaker breaker;
    private final NearCache l1;
    private final L1InvalidationListener l1Listener;
    private final LocalSingleFlight<CacheRead<V>> singleFlight;
    private final CacheMetrics metrics;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    // Platform daemon threads, not virtual ones: see the services' spring.threads.virtual comment (class loading
    // from the executable jar pins virtual threads, and on 2 cores that can deadlock).
    private final ExecutorService refresher =
            Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("cache-refresh-", 0).factory());
    private final String channel;

    private StampedeProtectedCache(RedisClient client, CacheSettings settings, CacheCodec<V> codec,
                                   MeterRegistry registry, RedisResilience resilience, Clock clock) {
        this.settings = settings;
        this.codec = codec;
        this.clock = clock;
        this.channel = settings.name() + ":invalidations";
        this.redis = new RedisConnector(client);
        this.breaker = new RedisDownBreaker(settings.name(), resilience, () -> redis.commands().ping(), refresher);
        this.l1 = new NearCache(settings, registry);
        this.l1Listener = new L1InvalidationListener(client, channel, l1);
        this.singleFlight = new LocalSingleFlight<>(settings.leaseWaitMax().toMillis() + settings.leaseTtl().toMillis());
        this.metrics = new CacheMetrics(settings.name(), registry);
        Gauge.builder("cache.redis.available", breaker, b -> b.redisHealthy() ? 1 : 0)
                .description("1 while the Redis breaker is closed; 0 while reads bypass Redis or probe it")
                .tag("cache", settings.name()).register(registry);
        refresher.execute(this::warmUp);
    }

    /** Connects in the background at start-up so the first requests need not; a failure here is retried on use. */
    private void warmUp() {
        try {
            redis.commands().ping();
        } catch (RuntimeException e) {
            log.info("cache {}: Redis not reachable yet ({}); reads bypass the cache until it is", settings.name(), e.toString());
        }
    }

    /**
     * Connects to Redis with the given client. The client's options decide how "Redis down" behaves: give it a short
     * command timeout and {@code DisconnectedBehavior.REJECT_COMMANDS}, or a Redis outage becomes slow requests.
     */
    public static <V> StampedeProtectedCache<V> create(RedisClient client, CacheSettings settings, CacheCodec<V> codec,
                                                       MeterRegistry registry, RedisResilience resilience) {
        return new StampedeProtectedCache<>(client, settings, codec, registry, resilience, Clock.systemUTC());
    }

    /** As above, with {@link RedisResilience#defaults} for code that has no Resilience4j registry. */
    public static <V> StampedeProtectedCache<V> create(RedisClient client, CacheSettings settings, CacheCodec<V> codec,
                                                       MeterRegistry registry) {
        return create(client, settings, codec, registry, RedisResilience.defaults(settings.name()));
    }

    /**
     * Reads a key.
     *
     * @param id          the key (without the cache's prefix)
     * @param minPosition a client's consistency token: entries read before this commit position are not served; 0 for none
     * @param loader      reads the source of truth on a miss
     */
    public CacheRead<V> get(String id, long minPosition, Loader<V> loader) {
        CacheRead<V> read = read(id, minPosition, loader);
        metrics.got(read.outcome());
        return read;
    }

    /** One key a committed write changed: the version it now has, and whether the write deleted it. */
    public record Write(String id, long version, boolean deleted) {
    }

    /**
     * After a write committed: replace the key with a tombstone (version, commit position) and drop it from every
     * instance's L1. Best effort while Redis is down (logged and counted).
     */
    public void invalidate(String id, long version, long position, boolean deleted) {
        invalidateAll(List.of(new Write(id, version, deleted)), position);
    }

    /**
     * {@link #invalidate} for every key one or more commits changed (e.g. a batch of stock reservations), in one
     * script, one pub/sub message and one wait for the instances' acknowledgements, however many keys there are.
     *
     * @param position a WAL position read after the last of those commits
     */
    public void invalidateAll(Collection<Write> writes, long position) {
        if (writes.isEmpty()) {
            return;
        }
        List<VersionFence.Written> written = new ArrayList<>(writes.size());
        List<String> ids = new ArrayList<>(writes.size());
        for (Write w : writes) {
            l1.invalidate(w.id());
            written.add(new VersionFence.Written(entryKey(w.id()), w.version(), w.deleted()));
            ids.add(w.id());
        }
        String ackKey = settings.name() + ":l1acks:" + UUID.randomUUID();
        long reached;
        try {
            reached = breaker.call(() -> VersionFence.tombstones(redis.commands(), written, position,
                    settings.tombstoneTtl().toMillis(), channel, L1InvalidationListener.message(ids, ackKey)));
        } catch (RedisUnavailable e) {
            metrics.invalidationFailed();
            log.warn("cache {}: could not invalidate {}: {}", settings.name(), ids, e.getMessage());
            return;
        }
        awaitL1Acknowledgements(ids, ackKey, reached);
    }

    /**
     * Pub/sub is asynchronous: without this wait another instance could still serve the old version from its L1 for
     * a moment after the write has answered. Every instance the message reached confirms (RPUSH to a per-write key)
     * once it has dropped the key; the writer waits for all of them, at most {@code l1AckWait}. An instance that does
     * not confirm in time is counted ({@code cache_l1_ack_timeouts_total}) and logged.
     */
    private void awaitL1Acknowledgements(List<String> ids, String ackKey, long reached) {
        if (reached <= 0 || settings.l1AckWait().isZero()) {
            return;
        }
        long deadline = System.nanoTime() + settings.l1AckWait().toNanos();
        long pauseMicros = 100;
        try {
            while (breaker.call(() -> redis.commands().llen(ackKey)) < reached) {
                if (System.nanoTime() > deadline) {
                    metrics.l1AckTimedOut();
                    log.warn("cache {}: not every instance confirmed dropping {} from its L1 within {}", settings.name(),
                            ids, settings.l1AckWait());
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
                pauseMicros = Math.min(pauseMicros * 2, 5_000);
            }
        } catch (RedisUnavailable e) {
            metrics.l1AckTimedOut();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private CacheRead<V> read(String id, long minPosition, Loader<V> loader) {
        if (settings.mode() != CacheSettings.Mode.PROTECTED) {
            return ComparisonModes.read(this, settings.mode(), id, minPosition, loader);   // benchmarks only
        }
        if (breaker.redisHealthy() && l1Listener.subscribed()) {
            Entry near = l1.get(id, minPosition, clock.millis());
            if (near != null) {
                return answer(near, CacheOutcome.HIT);
            }
        }
        // Readers without a token share one trip per key and instance, also when Redis is unavailable: then they
        // share one database load instead of each making their own.
        return minPosition == 0
                ? singleFlight.run(id, () -> redisOrBypass(id, 0, loader))
                : redisOrBypass(id, minPosition, loader);
    }

    private CacheRead<V> redisOrBypass(String id, long minPosition, Loader<V> loader) {
        try {
            return remoteRead(id, minPosition, loader);
        } catch (RedisUnavailable e) {
            return bypass(minPosition, loader);
        }
    }

    private CacheRead<V> remoteRead(String id, long minPosition, Loader<V> loader) {
        long l1Generation = l1.generation();
        Entry entry = fetch(id);
        long now = clock.millis();
        if (entry != null && entry.isValue() && entry.position() >= minPosition) {
            if (!entry.softExpired(now)) {
                l1.put(id, entry, l1Generation);
                if (XFetch.shouldRefreshEarly(now, entry.loadMillis(), entry.softExpiryMillis(), settings.xfetchBeta())) {
                    refreshInBackground(id, entry, loader);
                }
                return answer(entry, CacheOutcome.HIT);
            }
            // Stale-while-revalidate: this caller gets the stale value at once; one caller (cluster-wide) refreshes.
            refreshInBackground(id, entry, loader);
            return answer(entry, CacheOutcome.STALE);
        }
        return loadUnderLease(id, entry, minPosition, loader);
    }

    /** A miss (nothing, a tombstone, or an entry older than the caller's token): one caller loads, the rest wait. */
    private CacheRead<V> loadUnderLease(String id, Entry seen, long minPosition, Loader<V> loader) {
        long start = System.nanoTime();
        long deadline = start + settings.leaseWaitMax().toNanos();
        long backoffMillis = 2;
        boolean waited = false;
        Entry current = seen;
        while (true) {
            String owner = DistributedLease.newOwner();
            String expected = current == null ? "" : current.softExpiryToken();
            Entry fence = current;
            Attempt attempt = breaker.call(() -> DistributedLease.tryAcquire(redis.commands(), entryKey(id), leaseKey(id), expected,
                    owner, settings.leaseTtl().toMillis()));
            if (attempt == Attempt.ACQUIRED) {
                if (waited) {
                    metrics.waitedForLease(System.nanoTime() - start);
                }
                return new CacheRead<>(Optional.ofNullable(loadAndFill(id, fencePosition(fence, minPosition), loader, owner)),
                        CacheOutcome.MISS);
            }
            if (attempt == Attempt.HELD_BY_ANOTHER) {
                if (System.nanoTime() > deadline) {
                    // Bounded wait: the holder is slow or gone and its lease has not expired yet; load ourselves.
                    metrics.waitedForLease(System.nanoTime() - start);
                    return new CacheRead<>(Optional.ofNullable(loadAndFill(id, fencePosition(fence, minPosition), loader, null)),
                            CacheOutcome.MISS);
                }
                waited = true;
                // Exponential backoff with jitter: waiters poll the value, they do not hammer Redis.
                long pause = Math.min(backoffMillis, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1)));
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            }
            long l1Generation = l1.generation();
            current = fetch(id);
            if (current != null && current.isValue() && current.position() >= minPosition) {
                if (waited) {
                    metrics.waitedForLease(System.nanoTime() - start);
                }
                l1.put(id, current, l1Generation);
                return answer(current, current.softExpired(clock.millis()) ? CacheOutcome.STALE : CacheOutcome.HIT);
            }
        }
    }

    static long fencePosition(Entry entry, long minPosition) {
        return entry != null && entry.isTombstone() ? Math.max(entry.position(), minPosition) : minPosition;
    }

    /** Loads, then offers the result to the fence. If a write fenced it off, reads once more past that write. */
    private V loadAndFill(String id, long minPosition, Loader<V> loader, String leaseOwner) {
        long t0 = System.nanoTime();
        Loaded<V> loaded = loadCounted(minPosition, loader);
        if (fill(id, loaded, leaseOwner, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))) {
            return loaded.value();
        }
        Entry now = fetchQuietly(id);
        if (now != null && now.isValue()) {
            return decode(now); // someone filled a newer value meanwhile: ours was older
        }
        long pastTheWrite = now != null && now.isTombstone() ? Math.max(now.position(), minPosition) : minPosition;
        Loaded<V> again = loadCounted(pastTheWrite, loader);
        fill(id, again, null, 1);
        return again.value();
    }

    Loaded<V> loadCounted(long minPosition, Loader<V> loader) {
        metrics.loaded();
        return loader.load(minPosition);
    }

    boolean fill(String id, Loaded<V> loaded, String leaseOwner, long loadMillis) {
        long now = clock.millis();
        boolean found = loaded.value() != null;
        long ttl = found ? jittered(settings.ttl().toMillis()) : settings.negativeTtl().toMillis();
        long soft = now + (found ? settings.softTtl().toMillis() : settings.negativeTtl().toMillis());
        try {
            return breaker.call(() -> VersionFence.fill(redis.commands(), entryKey(id), leaseKey(id), found ? 'V' : 'N',
                    found ? codec.version(loaded.value()) : 0, loaded.position(),
                    found ? codec.encode(loaded.value()) : null, soft, Math.max(loadMillis, 1), ttl, leaseOwner));
        } catch (RedisUnavailable e) {
            return true; // nothing cached; the caller still gets what it loaded
        }
    }

    private void refreshInBackground(String id, Entry stale, Loader<V> loader) {
        if (!refreshing.add(id)) {
            return;
        }
        refresher.execute(() -> {
            try {
                String owner = DistributedLease.newOwner();
                Attempt attempt = breaker.call(() -> DistributedLease.tryAcquire(redis.commands(), entryKey(id), leaseKey(id),
                        stale.softExpiryToken(), owner, settings.leaseTtl().toMillis()));
                if (attempt == Attempt.ACQUIRED) {
                    long t0 = System.nanoTime();
                    Loaded<V> loaded = loadCounted(0, loader);
                    fill(id, loaded, owner, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                }
            } catch (RuntimeException e) {
                log.debug("cache {}: background refresh of {} failed: {}", settings.name(), id, e.toString());
            } finally {
                refreshing.remove(id);
            }
        });
    }

    CacheRead<V> bypass(long minPosition, Loader<V> loader) {
        Loaded<V> loaded = breaker.bypassLoad(() -> loadCounted(minPosition, loader));
        return new CacheRead<>(Optional.ofNullable(loaded.value()), CacheOutcome.BYPASS);
    }

    Entry fetch(String id) {
        return breaker.call(() -> Entry.fromHash(redis.commands().hmget(entryKey(id), Entry.FIELDS)));
    }

    private Entry fetchQuietly(String id) {
        try {
            return fetch(id);
        } catch (RedisUnavailable e) {
            return null;
        }
    }

    CacheRead<V> answer(Entry entry, CacheOutcome outcome) {
        return new CacheRead<>(Optional.ofNullable(decode(entry)), outcome);
    }

    private V decode(Entry entry) {
        return entry.kind() == 'V' && entry.data() != null ? codec.decode(entry.data()) : null;
    }

    private long jittered(long ttlMillis) {
        long jitter = settings.ttlJitter().toMillis();
        return ttlMillis + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
    }

    private String entryKey(String id) {
        return settings.name() + ":" + id;
    }

    private String leaseKey(String id) {
        return settings.name() + ":lease:" + id;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        l1Listener.close();
        redis.close();
    }
}
