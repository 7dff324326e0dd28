package com.acme.platform.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Connects on first use, not at start-up: a service must start (and answer, bypassing the cache) while Redis is
 * down. Once connected, Lettuce reconnects by itself.
 */
final class RedisConnector implements AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, byte[]> connection;

    RedisConnector(RedisClient client) {
        this.client = client;
    }

    /** Throws (a Lettuce exception) when Redis cannot be reached; callers run it inside the Redis breaker. */
    RedisCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null) {
            connecting.lock();
            try {
                c = connection;
                if (c == null) {
                    c = client.connect(CODEC);
                    connection = c;
                }
            } finally {
                connecting.unlock();
            }
        }
        return c.sync();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
    }
}
