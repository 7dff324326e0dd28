package com.acme.platform.orderservice;

import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import com.acme.platform.testsupport.TestTokenIssuer;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTests extends AbstractIntegrationTest {

    @Test
    void sameKeyAndSameBodyReplaysTheStoredReply() throws Exception {
        UUID product = CATALOG.add(500, 10);
        String key = UUID.randomUUID().toString();
        var first = postOrder(key, orderBody("bob", product, 1));
        // Same JSON, other key order and spacing: still the same request.
        var again = postOrder(key, "{ \"items\": [ {\"quantity\": 1, \"productId\": \"" + product + "\"} ], \"customerId\": \"bob\" }");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = 'bob'")).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBodyIs422() throws Exception {
        UUID product = CATALOG.add(500, 10);
        String key = UUID.randomUUID().toString();
        assertThat(postOrder(key, orderBody("carol", product, 1)).statusCode()).isEqualTo(201);
        var other = postOrder(key, orderBody("carol", product, 2));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void keysAreScopedPerCaller() throws Exception {
        UUID product = CATALOG.add(500, 10);
        String key = UUID.randomUUID().toString();
        TestTokenIssuer tokens = TestTokenIssuer.shared();
        assertThat(postOrder(key, orderBody("dave", product, 1), "Authorization", "Bearer " + tokens.admin()).statusCode()).isEqualTo(201);
        var client = postOrder(key, orderBody("dave", product, 1), "Authorization", "Bearer " + tokens.client("partner", true));
        assertThat(client.statusCode()).isEqualTo(201);
        assertThat(client.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void fiftyConcurrentFirstRequestsWithOneKeyCreateExactlyOneOrderAndOneEvent() throws Exception {
        UUID product = CATALOG.add(700, 1000);
        String key = UUID.randomUUID().toString();
        String customer = "race-" + UUID.randomUUID();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> postOrder(key, orderBody(customer, product, 2)));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        }
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(201, 409));
        List<String> bodies = responses.stream().filter(r -> r.statusCode() == 201).map(HttpResponse::body).distinct().toList();
        assertThat(bodies).hasSize(1);
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer)).isEqualTo(1);
        String orderId = Json.parse(bodies.getFirst()).get("id").asString();
        assertThat(count("SELECT count(*) FROM outbox WHERE event_key = ?", orderId)).isEqualTo(1);
    }
}
