package com.acme.platform.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Kafka KRaft broker (broker and controller in one) running {@code kafka.Kafka} from the
 * kafka_2.13 jar in a child JVM. A child process, not an in-JVM broker, so it can be stopped and restarted
 * in place (same port, same log directory) and killed without taking the caller down.
 */
final class KafkaBroker {

    // A deadline, not a wait: on a quiet machine the broker is ready in ~2-5 s, but on a 2-core machine shared by
    // several builds its JVM and controller have been seen to need more than 90 s.
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private final DevstackSettings settings;
    private final Path dir;
    private final Path logFile;
    private Process process;

    KafkaBroker(DevstackSettings settings) {
        this.settings = settings;
        this.dir = settings.dataDir().resolve("kafka");
        this.logFile = settings.dataDir().resolve("logs/kafka.log");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + settings.kafkaPort();
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path props = writeServerProperties();
            formatOnce(props);
            Path argFile = writeJvmArguments(props);
            process = new ProcessBuilder(javaExecutable(), "@" + argFile)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start; see " + logFile, e);
        }
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: the broker shuts down cleanly in ~2 s
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Creates the contract's topics and their dead-letter topics; grows a DLT that has fewer partitions than its source. */
    void createTopics() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : settings.allTopics()) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, settings.topicPartitions(), (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            Map<String, TopicDescription> described = admin.describeTopics(settings.allTopics()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<String, NewPartitions> grow = new HashMap<>();
            described.forEach((name, d) -> {
                if (d.partitions().size() < settings.topicPartitions()) {
                    grow.put(name, NewPartitions.increaseTo(settings.topicPartitions()));
                }
            });
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create Kafka topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(p);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + ":\n" + Files2.tail(logFile, 40));
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // listener not open yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka not ready after " + STARTUP_TIMEOUT + ":\n" + Files2.tail(logFile, 40));
                }
                PostgresServers.pause(Duration.ofMillis(100));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Path writeServerProperties() throws IOException {
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(logFile.getParent());
        String controller = "127.0.0.1:" + settings.kafkaControllerPort();
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + bootstrapServers(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("log"),
                "num.partitions=" + settings.topicPartitions(),
                // Topics are created on purpose (contract topics + DLTs); a typo must fail, not create a topic.
                "auto.create.topics.enable=false",
                // One node: every internal topic has a replication factor of 1.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Consumers join at once instead of waiting 3 s for peers that are not coming.
                "group.initial.rebalance.delay.ms=0",
                "");
        Path file = dir.resolve("server.properties");
        Files.writeString(file, props);
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                </configuration>
                """);
        return file;
    }

    /** KRaft log directories are formatted once; a restart reuses them (same cluster id, same data). */
    private void formatOnce(Path props) {
        if (Files.exists(dir.resolve("log/meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = kafka.tools.StorageTool.execute(new String[]{
                "format", "-t", Uuid.randomUuid().toString(), "-c", props.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private Path writeJvmArguments(Path props) throws IOException {
        String classpath = System.getProperty("devstack.classpath", System.getProperty("java.class.path"));
        List<String> args = List.of(
                "-Xms64m", "-Xmx" + settings.kafkaHeap(),
                "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp", classpath,
                "kafka.Kafka", props.toString());
        Path argFile = dir.resolve("jvm.args");
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append('"').append('\n');
        }
        Files.writeString(argFile, sb);
        return argFile;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
