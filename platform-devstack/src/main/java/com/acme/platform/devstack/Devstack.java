package com.acme.platform.devstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
    private static final Set<Server> POSTGRES = EnumSet.of(Server.POSTGRES_PRIMARY, Server.POSTGRES_STANDBY);

    private final Set<Server> started = EnumSet.noneOf(Server.class);
    private final Map<String, Duration> startupTimes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Server, Long> frozen = new EnumMap<>(Server.class);
    private Duration startingTime = Duration.ZERO;
    private volatile boolean closed;

    private Devstack(DevstackSettings settings) {
        this.settings = settings;
        this.postgres = new PostgresServers(settings);
        this.redis = new RedisNode(settings);
        this.kafka = new KafkaBroker(settings);
    }

    /** Starts every server and returns once all accept work: the standby streams and the topics exist. */
    public static Devstack start(DevstackSettings settings) {
        return start(settings, EnumSet.allOf(Server.class));
    }

    /**
     * Starts these servers now and each other one on first use: when a test asks for its address or stops it. A test
     * JVM that only talks to Redis (the cache library, the gateway) then never pays for PostgreSQL and Kafka.
     */
    public static Devstack start(DevstackSettings settings, Set<Server> servers) {
        if (!settings.keepData()) {
            Files2.deleteRecursively(settings.dataDir());
        }
        Devstack stack = new Devstack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-shutdown"));
        try {
            stack.ensureStarted(servers);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Starts whichever of these servers is not running yet, together, and returns once they all accept work. */
    public synchronized void ensureStarted(Set<Server> servers) {
        Set<Server> missing = EnumSet.noneOf(Server.class);
        missing.addAll(servers);
        if (missing.contains(Server.POSTGRES_PRIMARY) || missing.contains(Server.POSTGRES_STANDBY)) {
            missing.addAll(POSTGRES);
        }
        missing.removeAll(started);
        if (missing.isEmpty() || closed) {
            return;
        }
        try {
            Instant t0 = Instant.now();
            // Kafka's JVM boots in the background while PostgreSQL and Redis start here.
            Thread kafkaStarter = null;
            if (missing.contains(Server.KAFKA)) {
                kafkaStarter = Thread.ofPlatform().name("devstack-kafka").start(() -> {
                    Instant k0 = Instant.now();
                    kafka.start();
                    kafka.createTopics();
                    startupTimes.put("kafka", Duration.between(k0, Instant.now()));
                });
            }
            if (missing.contains(Server.POSTGRES_PRIMARY)) {
                postgres.start(startupTimes);
            }
            if (missing.contains(Server.REDIS)) {
                Instant r0 = Instant.now();
                redis.start();
                startupTimes.put("redis", Duration.between(r0, Instant.now()));
            }
            if (kafkaStarter != null) {
                kafkaStarter.join();
                if (!startupTimes.containsKey("kafka")) {
                    throw new IllegalStateException("Kafka did not start; see " + settings.dataDir().resolve("logs/kafka.log"));
                }
            }
            started.addAll(missing);
            Duration took = Duration.between(t0, Instant.now());
            startingTime = startingTime.plus(took);
            log.info("devstack started {} in {} ms: {}", missing, took.toMillis(), startupReport());
        } catch (RuntimeException | InterruptedException e) {
            // Stop only what this attempt started (a half-started server holds its port): the servers already
            // running stay up for the tests using them, and the next use of this one tries again.
            if (missing.contains(Server.KAFKA)) {
                runQuietly("kafka", kafka::stop);
            }
            if (missing.contains(Server.REDIS)) {
                runQuietly("redis", redis::stop);
            }
            if (missing.contains(Server.POSTGRES_PRIMARY)) {
                runQuietly("postgres", postgres::close);
            }
            throw new IllegalStateException("devstack did not start " + missing + ": " + e.getMessage(), e);
        }
    }

    private void ensureStarted(Server server) {
        ensureStarted(EnumSet.of(server));
    }

    public DevstackSettings settings() {
        return settings;
    }

    /** JDBC URL of a database on the primary (writes). User and password: {@code postgres}/{@code postgres}. */
    public String primaryJdbcUrl(String database) {
        ensureStarted(Server.POSTGRES_PRIMARY);
        return postgres.primaryUrl(database);
    }

    /** JDBC URL of the same database on the streaming standby (reads, possibly behind by the replication lag). */
    public String standbyJdbcUrl(String database) {
        ensureStarted(Server.POSTGRES_PRIMARY);
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
        ensureStarted(Server.REDIS);
        return settings.redisPort();
    }

    public String kafkaBootstrapServers() {
        ensureStarted(Server.KAFKA);
        return kafka.bootstrapServers();
    }

    /** How long each server took to start, in start order, plus "total" (the time spent starting servers). */
    public synchronized Map<String, Duration> startupTimes() {
        Map<String, Duration> times = new LinkedHashMap<>(startupTimes);
        times.put("total", startingTime);
        return Collections.unmodifiableMap(times);
    }

    public String startupReport() {
        StringBuilder sb = new StringBuilder();
        startupTimes().forEach((name, d) -> sb.append(name).append('=').append(d.toMillis()).append("ms "));
        return sb.toString().trim();
    }

    /**
     * The properties a service needs to reach this devstack: the names are the same environment-variable-backed
     * placeholders every service's application.yml reads, so tests, ./local.sh and compose wire services alike.
     */
    public Map<String, String> serviceEnvironment(String database) {
        ensureStarted(EnumSet.allOf(Server.class)); // together: faster than one by one on first use
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
        ensureStarted(Server.POSTGRES_PRIMARY);
        postgres.stopPrimary();
    }

    public void startPrimary() {
        ensureStarted(Server.POSTGRES_PRIMARY);
        postgres.startPrimary();
        postgres.awaitStreaming(Duration.ofSeconds(30));
    }

    public void stopStandby() {
        ensureStarted(Server.POSTGRES_PRIMARY);
        postgres.stopStandby();
    }

    public void startStandby() {
        ensureStarted(Server.POSTGRES_PRIMARY);
        postgres.startStandby();
        postgres.awaitStreaming(Duration.ofSeconds(30));
    }

    /** Delays the standby's replay of commits, at runtime; {@link Duration#ZERO} switches the delay off. */
    public void setStandbyReplayDelay(Duration delay) {
        ensureStarted(Server.POSTGRES_PRIMARY);
        postgres.setStandbyReplayDelay(delay);
    }

    public void stopRedis() {
        ensureStarted(Server.REDIS);
        redis.stop();
    }

    public void startRedis() {
        ensureStarted(Server.REDIS);
        redis.start();
    }

    public void stopKafka() {
        ensureStarted(Server.KAFKA);
        kafka.stop();
    }

    public void startKafka() {
        ensureStarted(Server.KAFKA);
        kafka.start();
    }

    // --- hangs: a frozen process tree (SIGSTOP) keeps its sockets open and answers nothing; resume with SIGCONT ---

    /**
     * The servers of a devstack, by the names {@link #serverPids()} uses: what {@link #ensureStarted}, {@link #freeze}
     * and {@link #resume} take. The standby is a copy of the primary: the two start together.
     */
    public enum Server {
        POSTGRES_PRIMARY("postgres-primary"), POSTGRES_STANDBY("postgres-standby"), REDIS("redis"), KAFKA("kafka");

        private final String pidName;

        Server(String pidName) {
            this.pidName = pidName;
        }

        public String pidName() {
            return pidName;
        }
    }

    /**
     * Freezes a server's whole process tree (SIGSTOP): a hung dependency. Its clients' open connections stay open and
     * new connects still complete (the kernel answers the handshake), but no byte comes back until {@link #resume}.
     */
    public void freeze(Server server) {
        ensureStarted(EnumSet.of(server));
        long pid = pidOf(server);
        synchronized (frozen) {
            ProcessTree.freeze(pid);
            frozen.put(server, pid);
        }
        log.info("devstack: {} (pid {}) frozen", server.pidName(), pid);
    }

    /** Resumes a frozen server (SIGCONT to its process tree); it carries on where it stopped. */
    public void resume(Server server) {
        synchronized (frozen) {
            Long pid = frozen.remove(server);
            ProcessTree.resume(pid != null ? pid : pidOf(server));
        }
        log.info("devstack: {} resumed", server.pidName());
    }

    private long pidOf(Server server) {
        Long pid = serverPids().get(server.pidName());
        if (pid == null) {
            throw new IllegalStateException(server.pidName() + " is not running");
        }
        return pid;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A frozen server would not act on SIGTERM (it stays pending until SIGCONT): resume before stopping.
        synchronized (frozen) {
            frozen.forEach((server, pid) -> runQuietly("resume " + server.pidName(), () -> ProcessTree.resume(pid)));
            frozen.clear();
        }
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
