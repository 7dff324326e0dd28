package com.acme.platform.workerservice.analytics.domain;

import com.acme.platform.workerservice.config.WorkerProperties;
import com.acme.platform.events.OrderPlacedEvent;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Top products by units and by revenue, in two Redis sorted sets. One Lua script checks-and-records the event id
 * and applies the increments atomically (Redis runs a script without interleaving), so a redelivered event cannot
 * count twice and a crash cannot leave half an event counted. Redis 6.2 commands only.
 */
@Component
public class TopProducts {

    /**
     * KEYS: processed-marker, units zset, revenue zset. ARGV: marker TTL seconds, processing time (epoch ms, kept as
     * the marker's value so delivery latency can be measured), then (product, units, revenue)*.
     */
    private static final RedisScript<Long> RECORD_ONCE = RedisScript.of("""
            if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[1]) then
              return 0
            end
            for i = 3, #ARGV, 3 do
              redis.call('ZINCRBY', KEYS[2], ARGV[i + 1], ARGV[i])
              redis.call('ZINCRBY', KEYS[3], ARGV[i + 2], ARGV[i])
            end
            return 1
            """, Long.class);

    public record Entry(UUID productId, long unitsSold, long revenueCents) {
    }

    private final StringRedisTemplate redis;
    private final String unitsKey;
    private final String revenueKey;
    private final String processedPrefix;
    private final long markerTtlSeconds;

    TopProducts(StringRedisTemplate redis, WorkerProperties properties) {
        this.redis = redis;
        // One hash tag for every key, so the script's keys stay in one slot if this ever runs on Redis Cluster.
        String prefix = "{" + properties.analytics().keyPrefix() + "}";
        this.unitsKey = prefix + ":top-products:units";
        this.revenueKey = prefix + ":top-products:revenue";
        this.processedPrefix = prefix + ":processed:";
        this.markerTtlSeconds = properties.analytics().processedEventTtl().toSeconds();
    }

    /** True if the event was counted now, false if it had been counted before. */
    public boolean record(OrderPlacedEvent event) {
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(markerTtlSeconds));
        args.add(String.valueOf(System.currentTimeMillis()));
        for (OrderPlacedEvent.Line line : event.items()) {
            args.add(line.productId().toString());
            args.add(String.valueOf(line.quantity()));
            args.add(String.valueOf(line.unitPriceCents() * line.quantity()));
        }
        Long counted = redis.execute(RECORD_ONCE, List.of(processedPrefix + event.eventId(), unitsKey, revenueKey),
                args.toArray());
        return counted != null && counted == 1;
    }

    public List<Entry> top(int limit) {
        Set<ZSetOperations.TypedTuple<String>> byUnits = redis.opsForZSet().reverseRangeWithScores(unitsKey, 0, limit - 1);
        List<Entry> entries = new ArrayList<>();
        if (byUnits == null) {
            return entries;
        }
        for (ZSetOperations.TypedTuple<String> tuple : byUnits) {
            Double revenue = redis.opsForZSet().score(revenueKey, tuple.getValue());
            entries.add(new Entry(UUID.fromString(tuple.getValue()), Math.round(tuple.getScore()),
                    revenue == null ? 0 : Math.round(revenue)));
        }
        return entries;
    }

    public Entry of(UUID productId) {
        Double units = redis.opsForZSet().score(unitsKey, productId.toString());
        Double revenue = redis.opsForZSet().score(revenueKey, productId.toString());
        return new Entry(productId, units == null ? 0 : Math.round(units), revenue == null ? 0 : Math.round(revenue));
    }
}
