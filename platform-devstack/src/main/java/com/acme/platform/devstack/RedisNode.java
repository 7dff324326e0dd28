package com.acme.platform.devstack;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A real {@code redis-server} (6.2, shipped inside embedded-redis) on loopback, with a memory limit and an
 * eviction policy so a cache that outgrows it evicts instead of failing writes.
 */
final class RedisNode {

    private final DevstackSettings settings;
    private RedisServer server;

    RedisNode(DevstackSettings settings) {
        this.settings = settings;
    }

    synchronized void start() {
        try {
            if (server == null) {
                server = RedisServer.newRedisServer()
                        .port(settings.redisPort())
                        .bind("127.0.0.1")
                        .setting("maxmemory " + settings.redisMaxMemory())
                        .setting("maxmemory-policy " + settings.redisEvictionPolicy())
                        // A cache: nothing is persisted, so a restart comes back empty, as a real cache node would.
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
            }
            if (!server.isActive()) {
                server.start();
            }
            awaitPort(Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + settings.redisPort(), e);
        }
    }

    synchronized void stop() {
        if (server == null || !server.isActive()) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not stop", e);
        }
    }

    private void awaitPort(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", settings.redisPort()), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Redis is not accepting connections on " + settings.redisPort());
                }
                PostgresServers.pause(Duration.ofMillis(20));
            }
        }
    }
}
