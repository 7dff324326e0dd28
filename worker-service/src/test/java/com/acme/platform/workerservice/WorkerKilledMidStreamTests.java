package com.acme.platform.workerservice;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.DevstackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real worker-service JVM (a child process, not a context in this JVM) is killed with SIGKILL while it works
 * through a stream of events, then started again. It consumes its own copy of the topic (worker.topics.orders) and
 * counts analytics under its own Redis prefix, so the worker inside this test JVM cannot interfere.
 */
class WorkerKilledMidStreamTests extends AbstractIntegrationTest {

    private static final int BEFORE_KILL = 300;
    private static final int AFTER_KILL = 100;

    private final String topic = "orders-kill-" + UUID.randomUUID().toString().substring(0, 8);
    private final String analyticsPrefix = "kill-" + topic;

    @Test
    void everyEventIsProcessedAndNoEffectIsAppliedTwice() throws Exception {
        Devstack devstack = DevstackExtension.shared();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1), new NewTopic(topic + "-dlt", 3, (short) 1))).all().get();
        }
        List<UUID> products = List.of(CATALOG.add(100, 1_000_000), CATALOG.add(250, 1_000_000), CATALOG.add(999, 1_000_000));
        Map<UUID, Long> units = new HashMap<>();
        List<UUID> orders = new ArrayList<>();
        List<UUID> events = new ArrayList<>();

        Process worker = startWorker(1);
        try {
            publishOrders(BEFORE_KILL, products, units, orders, events);
            // Kill it once every group is visibly mid-stream: some of each group's effects applied, not all.
            await().atMost(Duration.ofSeconds(120)).until(() -> notificationsFor(orders) >= 20
                    && processedBy("fulfillment", events) >= 5 && analyticsUnits(products.getFirst()) > 0);
            worker.destroyForcibly().waitFor();
            System.out.println("[kill-test] killed the worker (SIGKILL) after notifications=" + notificationsFor(orders)
                    + " fulfillment=" + processedBy("fulfillment", events) + " of " + BEFORE_KILL + " events");
            publishOrders(AFTER_KILL, products, units, orders, events);

            worker = startWorker(2);
            int total = BEFORE_KILL + AFTER_KILL;
            await().atMost(Duration.ofSeconds(240)).until(() -> notificationsFor(orders) == total
                    && processedBy("fulfillment", events) == total
                    && analyticsUnits(products.getFirst()) == units.get(products.getFirst()));

            // Exactly once in every store, even for the events the killed JVM had processed but not committed.
            assertThat(count("SELECT count(DISTINCT order_id) FROM notification WHERE order_id IN (" + in(orders) + ")")).isEqualTo(total);
            assertThat(notificationsFor(orders)).isEqualTo(total);
            assertThat(processedBy("notifications", events)).isEqualTo(total);
            assertThat(processedBy("fulfillment", events)).isEqualTo(total);
            for (UUID product : products) {
                assertThat(analyticsUnits(product)).as("units of " + product).isEqualTo(units.get(product));
                assertThat(CATALOG.product(product).stock()).as("stock of " + product)
                        .isEqualTo(1_000_000 - units.get(product));
            }
            assertThat(CATALOG.reservedOrderIds()).containsAll(orders);
        } finally {
            worker.destroy();
            worker.waitFor();
        }
    }

    private void publishOrders(int n, List<UUID> products, Map<UUID, Long> units, List<UUID> orders, List<UUID> events) throws Exception {
        for (int i = 0; i < n; i++) {
            UUID product = products.get(i % products.size());
            int quantity = 1 + i % 3;
            UUID orderId = UUID.randomUUID();
            UUID eventId = UUID.randomUUID();
            long price = CATALOG.product(product).priceCents();
            producer().send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, orderId.toString(),
                    orderPlaced(eventId, orderId, "kill-" + i, product, quantity, price)));
            units.merge(product, (long) quantity, Long::sum);
            orders.add(orderId);
            events.add(eventId);
        }
        producer().flush();
    }

    private Process startWorker(int run) throws Exception {
        Devstack devstack = DevstackExtension.shared();
        int httpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        }
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(javaBinary, "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                WorkerServiceApplication.class.getName(),
                // Leave the group quickly when killed, so the restarted JVM gets the partitions without a 45 s wait.
                "--spring.kafka.consumer.properties[session.timeout.ms]=8000",
                "--spring.kafka.consumer.properties[heartbeat.interval.ms]=1000");
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.putAll(devstack.serviceEnvironment("workers"));
        env.put("SERVER_PORT", String.valueOf(httpPort));
        env.putAll(com.acme.platform.testsupport.TestTokenIssuer.shared().properties());
        env.put("INSTANCE_NAME", "worker-kill-test");
        env.put("WORKER_ORDERS_TOPIC", topic);
        env.put("ANALYTICS_KEY_PREFIX", analyticsPrefix);
        env.put("PRODUCT_SERVICE_1_URL", PRODUCT_1.url());
        env.put("PRODUCT_SERVICE_2_URL", PRODUCT_2.url());
        File log = Files.createDirectories(Path.of("target")).resolve("worker-kill-test-" + run + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("worker JVM exited; see " + log);
            }
            try {
                return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + httpPort + "/actuator/health/readiness")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return process;
    }

    private long notificationsFor(List<UUID> orders) {
        return count("SELECT count(*) FROM notification WHERE order_id IN (" + in(orders) + ")");
    }

    private long processedBy(String group, List<UUID> events) {
        return count("SELECT count(*) FROM processed_event WHERE consumer_group = ? AND event_id IN (" + in(events) + ")", group);
    }

    private long analyticsUnits(UUID product) {
        Double score = redis.opsForZSet().score("{" + analyticsPrefix + "}:top-products:units", product.toString());
        return score == null ? 0 : Math.round(score);
    }

    private static String in(List<UUID> ids) {
        return ids.isEmpty() ? "NULL" : String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
