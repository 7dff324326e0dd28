package com.acme.platform.cache;

import io.lettuce.core.api.sync.RedisCommands;

import java.util.UUID;

/**
 * Distributed single-flight: the caller that takes the lease loads, the others wait for its value.
 *
 * <p>Hand-written rather than taken from a lock library (Redisson, ShedLock, Spring Integration's RedisLockRegistry)
 * because a cache lease is not a lock: it must be taken only while the entry is still missing or still the stale
 * one the caller saw (checked in the same script, else a caller arriving just after the fill would load again),
 * it is never waited on in a blocking call (waiters poll the <em>value</em>, with backoff), and it simply expires
 * when its holder stalls or dies, without a watchdog extending it: the version fence, not the lease, guarantees
 * that a late holder cannot overwrite newer data. Those libraries offer re-entrant, renewed, mutually exclusive
 * locks, which is the wrong contract here.
 */
final class DistributedLease {

    enum Attempt { ACQUIRED, HELD_BY_ANOTHER, ENTRY_CHANGED }

    /** KEYS: entry, lease. ARGV: expected soft-expiry field ('' = missing or tombstone), owner, lease ms. */
    private static final RedisScript ACQUIRE = new RedisScript("""
            local s = redis.call('HGET', KEYS[1], 's')
            if not s then s = '' end
            if s ~= ARGV[1] then return 2 end
            if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return 1 end
            return 0
            """);

    /** Released only by its owner: a holder that outlived its lease must not delete its successor's lease. */
    private static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private DistributedLease() {
    }

    static String newOwner() {
        return UUID.randomUUID().toString();
    }

    static Attempt tryAcquire(RedisCommands<String, byte[]> redis, String entryKey, String leaseKey,
                              String expectedSoftExpiry, String owner, long leaseMillis) {
        long result = ACQUIRE.run(redis, new String[]{entryKey, leaseKey}, RedisScript.arg(expectedSoftExpiry),
                RedisScript.arg(owner), RedisScript.arg(leaseMillis));
        return result == 1 ? Attempt.ACQUIRED : result == 2 ? Attempt.ENTRY_CHANGED : Attempt.HELD_BY_ANOTHER;
    }

    static void release(RedisCommands<String, byte[]> redis, String leaseKey, String owner) {
        RELEASE.run(redis, new String[]{leaseKey}, RedisScript.arg(owner));
    }
}
