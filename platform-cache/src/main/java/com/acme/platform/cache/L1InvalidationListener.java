package com.acme.platform.cache;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps every instance's L1 coherent: a write's tombstone script publishes the id on the cache's channel, and each
 * instance drops it from its L1. Pub/sub messages sent while a subscriber is disconnected are lost, so while the
 * subscription is down the L1 is not used, and when it reconnects the whole L1 is cleared. The first subscription
 * is made in the background (and retried), so start-up does not depend on Redis.
 */
final class L1InvalidationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(L1InvalidationListener.class);
    private static final long RETRY_MILLIS = 1000;
    private static final char ACK_SEPARATOR = '|';
    /** Between the keys of one message (a write that changed several): the ASCII unit separator, never in a key. */
    private static final char ID_SEPARATOR = '\u001F';
    /** An acknowledgement list outlives any writer's wait by far; then Redis drops it. */
    private static final long ACK_KEY_TTL_MILLIS = 10_000;

    private final RedisClient client;
    private final String channel;
    private final NearCache l1;
    private final AtomicBoolean attempting = new AtomicBoolean();
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    /** For the acknowledgements (a subscribed connection cannot send ordinary commands). */
    private volatile StatefulRedisConnection<String, String> acks;
    private volatile boolean subscribed;
    private volatile long lastAttempt;

    L1InvalidationListener(RedisClient client, String channel, NearCache l1) {
        this.client = client;
        this.channel = channel;
        this.l1 = l1;
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
        subscribeInBackground();
    }

    /** The message a write publishes: the keys, and where the instances confirm they dropped them. */
    static String message(List<String> ids, String ackKey) {
        return String.join(String.valueOf(ID_SEPARATOR), ids) + ACK_SEPARATOR + ackKey;
    }

    /** Runs on Lettuce's event loop: fire and forget, never block here. */
    private void acknowledge(String ackKey) {
        StatefulRedisConnection<String, String> c = acks;
        if (c != null && c.isOpen()) {
            c.async().rpush(ackKey, "1");
            c.async().pexpire(ackKey, ACK_KEY_TTL_MILLIS);
        }
    }

    /** True when invalidations are being received; otherwise the L1 must not be used. */
    boolean subscribed() {
        if (connection == null) {
            subscribeInBackground();
            return false;
        }
        return subscribed;
    }

    private void subscribeInBackground() {
        long now = System.currentTimeMillis();
        if (now - lastAttempt < RETRY_MILLIS || !attempting.compareAndSet(false, true)) {
            return;
        }
        lastAttempt = now;
        Thread.ofPlatform().daemon().name("l1-subscribe-" + channel).start(() -> {
            try {
                if (acks == null) {
                    acks = client.connect();
                }
                StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
                c.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String ch, String message) {
                        int separator = message.lastIndexOf(ACK_SEPARATOR);
                        String ids = separator < 0 ? message : message.substring(0, separator);
                        for (int from = 0, to; from <= ids.length(); from = to + 1) {
                            to = ids.indexOf(ID_SEPARATOR, from);
                            if (to < 0) {
                                to = ids.length();
                            }
                            l1.invalidate(ids.substring(from, to));
                        }
                        if (separator >= 0) {
                            acknowledge(message.substring(separator + 1));
                        }
                    }
                });
                c.sync().subscribe(channel);
                l1.clear();
                connection = c;
                subscribed = true;
            } catch (RuntimeException e) {
                log.debug("cache invalidation channel {}: subscribe failed, retrying later: {}", channel, e.toString());
            } finally {
                attempting.set(false);
            }
        });
    }

    @Override
    public void close() {
        StatefulRedisPubSubConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        StatefulRedisConnection<String, String> a = acks;
        if (a != null) {
            a.close();
        }
    }
}
