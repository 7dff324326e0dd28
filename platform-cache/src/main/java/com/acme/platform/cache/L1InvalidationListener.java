package com.acme.platform.cache;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;

/**
 * Keeps every instance's L1 coherent: a write's tombstone script publishes the id on the cache's channel, and each
 * instance drops it from its L1. Pub/sub messages sent while a subscriber is disconnected are lost, so while the
 * subscription is down the L1 is not used, and when it reconnects the whole L1 is cleared.
 */
final class L1InvalidationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(L1InvalidationListener.class);

    private final NearCache l1;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean subscribed;

    L1InvalidationListener(RedisClient client, String channel, NearCache l1) {
        this.l1 = l1;
        this.connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String id) {
                l1.invalidate(id);
            }
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                if (handler == connection) {
                    // Lettuce re-subscribes by itself; what was published meanwhile is lost, so forget everything.
                    l1.clear();
                    subscribed = true;
                    log.info("cache invalidation channel {} reconnected: L1 cleared", channel);
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (handler == connection) {
                    subscribed = false;
                    l1.clear();
                }
            }
        });
        connection.sync().subscribe(channel);
        subscribed = true;
    }

    boolean subscribed() {
        return subscribed && connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
    }
}
