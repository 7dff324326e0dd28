package com.acme.platform.orderservice;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.Devstack.Server;
import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.Json;
import com.acme.platform.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hung dependencies (process tree frozen with SIGSTOP: connections stay open, nothing answers). Latency bounds are
 * generous for a busy 2-core machine; the real figures are printed.
 */
class HungDependencyTests extends AbstractIntegrationTest {

    private final Devstack devstack = DevstackExtension.shared();

    /** The outbox decouples order acceptance from Kafka: a hung broker delays delivery, never an order. */
    @Test
    void ordersAreAcceptedAtFullSpeedWhileKafkaHangsAndAllAreDeliveredAfterItResumes() throws Exception {
        UUID product = CATALOG.add(300, 1000);
        assertThat(postOrder(UUID.randomUUID().toString(), orderBody("kafka-warm-up", product, 1)).statusCode()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        devstack.freeze(Server.KAFKA);
        try {
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = postOrder(UUID.randomUUID().toString(), orderBody("kafka-hung", product, 1));
                millis.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(response.statusCode()).isEqualTo(201);
                ids.add(Json.parse(response.body()).get("id").asString());
            }
            // The backlog gauge shows the hang while it lasts.
            await().atMost(Duration.ofSeconds(20)).until(() -> backlog() >= 5);
        } finally {
            devstack.resume(Server.KAFKA);
        }
        System.out.printf("[hung kafka] order acceptance while the broker hung: %s ms%n", millis);
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
        try (TopicReader orders = new TopicReader("orders")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                var keys = orders.poll().stream().map(r -> r.key()).toList();
                return keys.containsAll(ids);
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog() == 0);
    }

    /** The orders database's primary hangs: an order fails fast with 503 + Retry-After, never waits for a gateway timeout. */
    @Test
    void ordersFailFastWith503WhileTheDatabaseHangsAndAreAcceptedAgainAfterItResumes() throws Exception {
        UUID product = CATALOG.add(300, 1000);
        // Warm the problem+json path first: on a loaded machine the first problem response of a JVM (class loading,
        // serializer set-up) alone can take longer than the timeouts measured here.
        assertThat(postOrder(UUID.randomUUID().toString(), "{}").statusCode()).isEqualTo(400);
        List<Long> millis = new ArrayList<>();
        devstack.freeze(Server.POSTGRES_PRIMARY);
        try {
            for (int i = 0; i < 8; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = postOrder(UUID.randomUUID().toString(), orderBody("db-hung", product, 1));
                millis.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
        } finally {
            devstack.resume(Server.POSTGRES_PRIMARY);
        }
        System.out.printf("[hung primary] orders refused while the database hung: %s ms%n", millis);
        // Every order needs the database, so each one pays the (short) socket or pool timeout: within 2 s.
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                postOrder(UUID.randomUUID().toString(), orderBody("db-back", product, 1)).statusCode() == 201);
    }

    private double backlog() throws Exception {
        return get("/actuator/prometheus").body().lines().filter(line -> line.startsWith("outbox_backlog{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
