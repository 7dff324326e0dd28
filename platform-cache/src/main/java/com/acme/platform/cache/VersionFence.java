package com.acme.platform.cache;

import io.lettuce.core.api.sync.RedisCommands;

import java.util.List;

/**
 * No stale refill. A write never updates a cached value in place: it replaces the key with a short-lived
 * tombstone holding the write's version and commit position. A fill is accepted atomically (one Lua script) only
 * if its version is at least the tombstone's (or the entry's, so a stalled loader's late result cannot overwrite a
 * newer value). "Not found" fills are accepted only over a deletion's tombstone, and keep its version as their fence.
 * Loaders asked to fill over a tombstone read at or past its commit position (see {@link Loader#load(long)}).
 */
final class VersionFence {

    /** KEYS: entry, lease. ARGV: kind, version, position, data, soft expiry, load ms, ttl ms, lease owner (or ''). */
    private static final RedisScript FILL = new RedisScript("""
            local cur = redis.call('HMGET', KEYS[1], 'k', 'v', 'g')
            local kind, ver, gone = cur[1], tonumber(cur[2]) or 0, cur[3]
            local newVer = tonumber(ARGV[2])
            local accept
            if not kind then
              accept = true
            elseif ARGV[1] == 'V' then
              accept = newVer >= ver
            else
              accept = (kind == 'N') or (kind == 'T' and gone == '1')
              if ver > newVer then newVer = ver end
            end
            if accept then
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[1], 'k', ARGV[1], 'v', tostring(newVer), 'p', ARGV[3], 'd', ARGV[4],
                         's', ARGV[5], 'x', ARGV[6])
              redis.call('PEXPIRE', KEYS[1], ARGV[7])
            end
            if ARGV[8] ~= '' and redis.call('GET', KEYS[2]) == ARGV[8] then
              redis.call('DEL', KEYS[2])
            end
            if accept then return 1 else return 0 end
            """);

    /**
     * KEYS: the written entries. ARGV: position, tombstone ttl ms, channel, message, then (version, gone) per key.
     * One script for every key a commit changed: one round trip and one invalidation message however many there are.
     * (All keys in one script need one Redis node; on Redis Cluster the keys would need a common hash tag.)
     */
    private static final RedisScript TOMBSTONES = new RedisScript("""
            for i = 1, #KEYS do
              local cur = redis.call('HMGET', KEYS[i], 'v', 'p')
              local ver = math.max(tonumber(cur[1]) or 0, tonumber(ARGV[3 + 2 * i]))
              local pos = math.max(tonumber(cur[2]) or 0, tonumber(ARGV[1]))
              redis.call('DEL', KEYS[i])
              redis.call('HSET', KEYS[i], 'k', 'T', 'v', string.format('%.0f', ver), 'p', string.format('%.0f', pos),
                         'g', ARGV[4 + 2 * i])
              redis.call('PEXPIRE', KEYS[i], ARGV[2])
            end
            return redis.call('PUBLISH', ARGV[3], ARGV[4])
            """);

    private VersionFence() {
    }

    /** @return true when the fill was accepted; false when a newer write or value fenced it off */
    static boolean fill(RedisCommands<String, byte[]> redis, String entryKey, String leaseKey, char kind, long version,
                        long position, byte[] data, long softExpiryMillis, long loadMillis, long ttlMillis, String leaseOwner) {
        return FILL.run(redis, new String[]{entryKey, leaseKey},
                RedisScript.arg(kind), RedisScript.arg(version), RedisScript.arg(position), data == null ? new byte[0] : data,
                RedisScript.arg(softExpiryMillis), RedisScript.arg(loadMillis), RedisScript.arg(ttlMillis),
                RedisScript.arg(leaseOwner == null ? "" : leaseOwner)) == 1;
    }

    /** One written key: the version the write produced and whether it deleted the key. */
    record Written(String entryKey, long version, boolean gone) {
    }

    /**
     * Replaces every written entry with a tombstone (never lowering a version) and tells every instance's L1, in one
     * script.
     *
     * @return how many subscribers (instances) the invalidation message reached
     */
    static long tombstones(RedisCommands<String, byte[]> redis, List<Written> written, long position,
                           long tombstoneTtlMillis, String channel, String message) {
        String[] keys = new String[written.size()];
        byte[][] args = new byte[4 + 2 * written.size()][];
        args[0] = RedisScript.arg(position);
        args[1] = RedisScript.arg(tombstoneTtlMillis);
        args[2] = RedisScript.arg(channel);
        args[3] = RedisScript.arg(message);
        for (int i = 0; i < keys.length; i++) {
            Written w = written.get(i);
            keys[i] = w.entryKey();
            args[4 + 2 * i] = RedisScript.arg(w.version());
            args[5 + 2 * i] = RedisScript.arg(w.gone() ? "1" : "0");
        }
        return TOMBSTONES.run(redis, keys, args);
    }
}
