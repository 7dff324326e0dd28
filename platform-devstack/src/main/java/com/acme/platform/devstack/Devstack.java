package com.acme.platform.devstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's real servers, started from Maven Central artifacts without Docker: a PostgreSQL 18 primary and
 * its streaming hot standby, Redis, and a Kafka KRaft broker with the contract's topics.
 *
 * <p>Two users: integration tests (one shared instance per test JVM, see {@link DevstackExtension}) and
 * {@code ./local.sh} (see {@link DevstackMain}). Every server can be stopped and restarted in place (same port,
 * same data) so tests can inject faults; a test that does so restores it.
 */
public final class Devstack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Devstack.class);

    private final DevstackSettings settings;
    private final PostgresServers postgres;
    private final RedisNode redis;
    private final KafkaBroker kafka;
    private final Map<String, Duration> startupTimes = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean closed;

    private Devstack(DevstackSettings settings) {
        this.settings = settings;
        this.postgres = new PostgresServers(settings);
        this.redis = new RedisNode(settings);
        this.kafka = new KafkaBroker(settings);
    }

    /** Starts every server and returns once all accept work: the standby streams and the topics exist. */
    public static Devstack start(DevstackSettings settings) {
        if (!settings.keepData()) {
            Files2.deleteRecursively(settings.dataDir());
        }
        Devstack stack = new Devstack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-shutdown"));
        try {
            Instant t0 = Instant.now();
            // Kafka's JVM boots in the background while PostgreSQL and Redis start here.
            Thread kafkaStarter = Thread.ofPlatform().name("devstack-kafka").start(() -> {
                Instant k0 = Instant.now();
                stack.kafka.start();
                stack.kafka.createTopics();
                stack.startupTimes.put("kafka", Duration.between(k0, Instant.now()));
            });
            stack.postgres.start(stack.startupTimes);
            Instant r0 = Instant.now();
            stack.redis.start();
            stack.startupTimes.put("redis", Duration.between(r0, Instant.now()));
            kafkaStarter.join();
            if (!stack.startupTimes.containsKey("kafka")) {
                throw new IllegalStateException("Kafka did not start; see " + settings.dataDir().resolve("logs/kafka.log"));
            }
            stack.startupTimes.put("total", Duration.between(t0, Instant.now()));
            log.info("devstack up in {} ms: {}", stack.startupTimes.get("total").toMillis(), stack.startupReport());
            return stack;
        } catch (RuntimeException | InterruptedException e) {
            stack.close();
            throw new IllegalStateException("devstack did not start: " + e.getMessage(), e);
        }
    }

    public DevstackSettings settings() {
        return settings;
    }

    /** JDBC URL of a database on the primary (writes). User and password: {@code postgres}/{@code postgres}. */
    public String primaryJdbcUrl(String database) {
        return postgres.primaryUrl(database);
    }

    /** JDBC URL of the same database on the streaming standby (reads, possibly behind by the replication lag). */
    public String standbyJdbcUrl(String database) {
        return postgres.standbyUrl(database);
    }

    public String databaseUser() {
        return PostgresServers.SUPERUSER;
    }

    public String databasePassword() {
        return PostgresServers.SUPERUSER;
    }

    public String redisHost() {
        return "127.0.0.1";
    }

    public int redisPort() {
        return settings.redisPort();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** How long each server took to start, in start order, plus "total". */
    public String startupReport() {
        StringBuilder sb = new StringBuilder();
        synchronized (startupTimes) {
            startupTimes.forEach((name, d) -> sb.append(name).append('=').append(d.toMillis()).append("ms "));
        }
        return sb.toString().trim();
    }

    /**
     * The properties a service needs to reach this devstack: the names are the same environment-variable-backed
     * placeholders every service's application.yml reads, so tests, ./local.sh and compose wire services alike.
     */
    public Map<String, String> serviceEnvironment(String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", primaryJdbcUrl(database));
        env.put("DB_REPLICA_URL", standbyJdbcUrl(database));
        env.put("DB_USER", databaseUser());
        env.put("DB_PASSWORD", databasePassword());
        env.put("REDIS_HOST", redisHost());
        env.put("REDIS_PORT", String.valueOf(redisPort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        return env;
    }

    /**
     * Process ids of the servers, so a supervisor ({@code ./local.sh down}) can make sure none outlives the devstack
     * even if this JVM was killed before its shutdown hook ran. PostgreSQL daemonises, so its pid comes from
     * {@code postmaster.pid}; Redis and Kafka are child processes.
     */
    public Map<String, Long> serverPids() {
        Map<String, Long> pids = new LinkedHashMap<>(postgres.pids());
        ProcessHandle.current().children()
                .filter(p -> p.info().command().orElse("").contains("redis-server"))
                .forEach(p -> pids.put("redis", p.pid()));
        if (kafka.pid() > 0) {
            pids.put("kafka", kafka.pid());
        }
        return pids;
    }

    // --- fault injection: each stop has its start; tests restore what they break -----------------------------

    public void stopPrimary() {
        postgres.stopPrimary();
    }

    public void startPrimary() {
        postgres.startPrimary();
        postgres.awaitStreaming(Duration.ofSeconds(30));
    }

    public void stopStandby() {
        postgres.stopStandby();
    }

    public void startStandby() {
        postgres.startStandby();
        postgres.awaitStreaming(Duration.ofSeconds(30));
    }

    /** Delays the standby's replay of commits, at runtime; {@link Duration#ZERO} switches the delay off. */
    public void setStandbyReplayDelay(Duration delay) {
        postgres.setStandbyReplayDelay(delay);
    }

    public void stopRedis() {
        redis.stop();
    }

    public void startRedis() {
        redis.start();
    }

    public void stopKafka() {
        kafka.stop();
    }

    public void startKafka() {
        kafka.start();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        runQuietly("kafka", kafka::stop);
        runQuietly("redis", redis::stop);
        runQuietly("postgres", postgres::close);
        if (!settings.keepData()) {
            runQuietly("data", () -> Files2.deleteRecursively(settings.dataDir()));
        }
    }

    private static void runQuietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("devstack: stopping {} failed: {}", what, e.toString());
        }
    }
}
