package com.acme.platform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the devstack's servers listen and keep their data, and how they are sized.
 *
 * @param dataDir            root of every server's data; one sub-directory per server
 * @param postgresPort       PostgreSQL primary (writes)
 * @param standbyPort        PostgreSQL streaming hot standby (reads)
 * @param redisPort          Redis
 * @param kafkaPort          Kafka PLAINTEXT listener (clients)
 * @param kafkaControllerPort Kafka KRaft controller listener
 * @param databases          databases created on the primary, one per service that owns a schema
 * @param redisMaxMemory     Redis {@code maxmemory}, e.g. {@code 128mb}
 * @param redisEvictionPolicy Redis {@code maxmemory-policy}, e.g. {@code allkeys-lfu}
 * @param topics             Kafka topics to create; each also gets {@code <topic>-dlt}
 * @param topicPartitions    partitions of each topic and of its dead-letter topic
 * @param kafkaHeap          broker JVM heap, e.g. {@code 512m}
 * @param keepData           reuse the data of a previous run (local mode) instead of starting empty (tests)
 */
public record DevstackSettings(
        Path dataDir,
        int postgresPort,
        int standbyPort,
        int redisPort,
        int kafkaPort,
        int kafkaControllerPort,
        List<String> databases,
        String redisMaxMemory,
        String redisEvictionPolicy,
        List<String> topics,
        int topicPartitions,
        String kafkaHeap,
        boolean keepData) {

    /** The platform contract's topics (dead-letter topics are derived). */
    public static final List<String> CONTRACT_TOPICS = List.of("orders", "order-status");

    /** One database per service that owns a schema: no service reads another's tables. */
    public static final List<String> SERVICE_DATABASES = List.of("products", "orders", "workers");

    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    /** Ephemeral ports and a throw-away directory: what integration tests use. */
    public static DevstackSettings forTests() {
        try {
            Path dir = Files.createTempDirectory("devstack-");
            return new DevstackSettings(dir, freePort(), freePort(), freePort(), freePort(), freePort(),
                    SERVICE_DATABASES, "64mb", "allkeys-lfu", CONTRACT_TOPICS, 3, "384m", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fixed, environment-overridable ports and a persistent directory: what {@code ./local.sh} uses.
     * Every name here is also read by docker-compose, so both modes agree.
     */
    public static DevstackSettings fromEnvironment(Map<String, String> env) {
        Function<String, String> get = env::get;
        return new DevstackSettings(
                Path.of(orDefault(get, "DEVSTACK_DATA_DIR", ".local/data")).toAbsolutePath(),
                Integer.parseInt(orDefault(get, "POSTGRES_PORT", "5432")),
                Integer.parseInt(orDefault(get, "POSTGRES_REPLICA_PORT", "5433")),
                Integer.parseInt(orDefault(get, "REDIS_PORT", "6379")),
                Integer.parseInt(orDefault(get, "KAFKA_PORT", "9092")),
                Integer.parseInt(orDefault(get, "KAFKA_CONTROLLER_PORT", "9093")),
                SERVICE_DATABASES,
                orDefault(get, "REDIS_MAXMEMORY", "128mb"),
                orDefault(get, "REDIS_MAXMEMORY_POLICY", "allkeys-lfu"),
                CONTRACT_TOPICS,
                Integer.parseInt(orDefault(get, "KAFKA_TOPIC_PARTITIONS", "3")),
                orDefault(get, "KAFKA_HEAP", "512m"),
                true);
    }

    public DevstackSettings {
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("topicPartitions must be >= 1, was " + topicPartitions);
        }
        databases = List.copyOf(databases);
        topics = List.copyOf(topics);
    }

    /** Topics plus their dead-letter topics, which get at least the source's partitions (DLT publishing keeps the partition). */
    public List<String> allTopics() {
        return topics.stream().flatMap(t -> java.util.stream.Stream.of(t, t + DEAD_LETTER_SUFFIX)).toList();
    }

    private static String orDefault(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
