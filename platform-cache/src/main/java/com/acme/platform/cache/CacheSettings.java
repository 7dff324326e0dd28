package com.acme.platform.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * Every knob of one cache (its behaviour while Redis fails is {@link RedisResilience}). Applications bind it from typed configuration; see product-service's application.yml
 * for commented defaults.
 *
 * @param name               the {@code cache} tag of the metrics, and the Redis key prefix
 * @param mode               {@link Mode#PROTECTED} (everything) or {@link Mode#NAIVE} (plain cache-aside, for comparison)
 * @param ttl                hard TTL of an entry in Redis
 * @param ttlJitter          up to this much is added at random to {@code ttl}, so keys filled together do not expire together
 * @param softTtl            after this an entry is stale: served at once ({@code STALE}) while one caller refreshes it
 * @param negativeTtl        TTL of "not found" entries
 * @param tombstoneTtl       how long a write's tombstone fences fills; must exceed the replica lag and a load's duration
 * @param leaseTtl           how long a loader's lease lasts; a stalled loader loses it after this
 * @param leaseWaitMax       the longest a caller waits for another's load before loading itself
 * @param xfetchBeta         XFetch's beta (1.0 in the paper; larger refreshes earlier, 0 switches XFetch off)
 * @param l1MaxSize          entries in the in-process near cache (0 switches L1 off)
 * @param l1Ttl              TTL of L1 entries: bounds staleness if an invalidation message is lost
 * @param l1AckWait          how long a write waits for every subscribed instance to confirm it dropped the key from
 *                           its L1 (so no instance serves the old version once the write has answered); 0: no wait
 */
public record CacheSettings(
        String name,
        Mode mode,
        Duration ttl,
        Duration ttlJitter,
        Duration softTtl,
        Duration negativeTtl,
        Duration tombstoneTtl,
        Duration leaseTtl,
        Duration leaseWaitMax,
        double xfetchBeta,
        int l1MaxSize,
        Duration l1Ttl,
        Duration l1AckWait) {

    public enum Mode {
        /** Lease, version fence, XFetch, stale-while-revalidate, negative caching, L1. */
        PROTECTED,
        /** Plain cache-aside: get, on a miss load and set. Writes still invalidate. For benchmarks and demos. */
        NAIVE,
        /** No cache at all: every read loads ({@code X-Cache: BYPASS}). The baseline of the benchmark. */
        OFF
    }

    public CacheSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        if (softTtl.compareTo(ttl) > 0) {
            throw new IllegalArgumentException("softTtl must not exceed ttl");
        }
        if (leaseTtl.isZero() || leaseWaitMax.isZero()) {
            throw new IllegalArgumentException("leaseTtl and leaseWaitMax must be positive");
        }
    }

    /** Defaults that suit a catalog: minutes of TTL, sub-second leases. */
    public static CacheSettings defaults(String name) {
        return new CacheSettings(name, Mode.PROTECTED, Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(500),
                Duration.ofSeconds(2), 1.0, 10_000, Duration.ofSeconds(5), Duration.ofMillis(500));
    }

    public CacheSettings withMode(Mode newMode) {
        return new CacheSettings(name, newMode, ttl, ttlJitter, softTtl, negativeTtl, tombstoneTtl, leaseTtl,
                leaseWaitMax, xfetchBeta, l1MaxSize, l1Ttl, l1AckWait);
    }

    public CacheSettings withSoftTtl(Duration newSoftTtl) {
        return new CacheSettings(name, mode, ttl, ttlJitter, newSoftTtl, negativeTtl, tombstoneTtl, leaseTtl,
                leaseWaitMax, xfetchBeta, l1MaxSize, l1Ttl, l1AckWait);
    }

    public CacheSettings withLease(Duration newLeaseTtl, Duration newLeaseWaitMax) {
        return new CacheSettings(name, mode, ttl, ttlJitter, softTtl, negativeTtl, tombstoneTtl, newLeaseTtl,
                newLeaseWaitMax, xfetchBeta, l1MaxSize, l1Ttl, l1AckWait);
    }

    public CacheSettings withXfetchBeta(double beta) {
        return new CacheSettings(name, mode, ttl, ttlJitter, softTtl, negativeTtl, tombstoneTtl, leaseTtl,
                leaseWaitMax, beta, l1MaxSize, l1Ttl, l1AckWait);
    }
}
