package com.acme.platform.cache;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.DevstackExtension;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** Caches over the devstack's real Redis, and a counting in-memory source of truth that plays the database. */
@ExtendWith(DevstackExtension.class)
abstract class CacheTestSupport {

    record Item(long version, String text) {
    }

    static final CacheCodec<Item> CODEC = new CacheCodec<>() {
        @Override
        public byte[] encode(Item value) {
            return (value.version() + "|" + value.text()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Item decode(byte[] bytes) {
            String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", 2);
            return new Item(Long.parseLong(parts[0]), parts[1]);
        }

        @Override
        public long version(Item value) {
            return value.version();
        }
    };

    /** The source of truth: one row, a commit position that grows with every write, and a load counter. */
    static final class Source {
        final AtomicReference<Item> row = new AtomicReference<>();
        final AtomicInteger position = new AtomicInteger(1);
        final AtomicInteger loads = new AtomicInteger();

        Loaded<Item> read(long minPosition) {
            loads.incrementAndGet();
            int pos = position.get();
            return new Loaded<>(row.get(), pos);
        }

        long write(Item item) {
            row.set(item);
            return position.incrementAndGet();
        }
    }

    private final List<AutoCloseable> opened = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    static String uniqueKey() {
        return UUID.randomUUID().toString();
    }

    static CacheSettings settings(String name) {
        return CacheSettings.defaults(name);
    }

    StampedeProtectedCache<Item> cache(CacheSettings settings) {
        Devstack devstack = DevstackExtension.shared();
        RedisClient client = RedisClient.create(RedisURI.create(devstack.redisHost(), devstack.redisPort()));
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(250)))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        StampedeProtectedCache<Item> cache = StampedeProtectedCache.create(client, settings, CODEC, registry);
        opened.add(cache);
        opened.add(client::shutdown);
        if (settings.mode() != CacheSettings.Mode.OFF) {
            // The cache connects in the background; scenarios start once it talks to Redis (not in bypass).
            Source probe = new Source();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> cache.get("probe-" + uniqueKey(), 0, probe::read).outcome() != CacheOutcome.BYPASS);
        }
        return cache;
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @AfterEach
    void closeCaches() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        opened.clear();
    }
}
