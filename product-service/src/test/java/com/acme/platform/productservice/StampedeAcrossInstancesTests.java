package com.acme.platform.productservice;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The hot-key stampede after an update, across two instances sharing Redis and PostgreSQL. */
@ExtendWith(DevstackExtension.class)
class StampedeAcrossInstancesTests {

    static final int REQUESTS = 500;

    @Test
    void fiveHundredConcurrentReadsAfterAnUpdateCauseExactlyOneDatabaseLoad() throws Exception {
        ProductInstances instances = ProductInstances.shared();
        Result result = stampede(instances);

        assertThat(result.failures).isZero();
        assertThat(result.staleAnswers).isZero();
        assertThat(result.databaseLoads).as("pg_stat_statements calls, primary + standby").isEqualTo(1);
        assertThat(result.cacheLoads).as("cache_loads_total over both instances").isEqualTo(1);
    }

    @Test
    void naiveCacheAsideLetsTheSameStampedeThroughToTheDatabase() throws Exception {
        try (ProductInstances naive = ProductInstances.start(2, Map.of("PRODUCT_CACHE_MODE", "NAIVE"))) {
            Result result = stampede(naive);

            System.out.printf("[stampede] naive mode: %d database loads (pg_stat_statements), %d cache loads for %d requests%n",
                    result.databaseLoads, (long) result.cacheLoads, REQUESTS);
            assertThat(result.failures).isZero();
            assertThat(result.staleAnswers).isZero();
            assertThat(result.databaseLoads).isGreaterThan(1);
        }
    }

    @Test
    void aThousandReadsOfAnUnknownIdCauseAtMostOneDatabaseLoad() throws Exception {
        ProductInstances instances = ProductInstances.shared();
        String unknown = java.util.UUID.randomUUID().toString();
        DatabaseLoads.reset();
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        // A flood from 100 concurrent clients (1,000 requests at once would measure this machine's CPU, not the cache).
        try (ExecutorService clients = Executors.newFixedThreadPool(100, Thread.ofVirtual().factory())) {
            for (int i = 0; i < 1000; i++) {
                int port = instances.port(1 + i % 2);
                responses.add(clients.submit(() -> AbstractIntegrationTest.send(port, "GET", "/api/products/" + unknown, null)));
            }
        }
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (Future<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(404);
            outcomes.merge(response.get().headers().firstValue("X-Cache").orElse("none"), 1, Integer::sum);
        }
        long loads = DatabaseLoads.count();
        System.out.printf("[negative] %d database loads for 1000 reads of an unknown id; X-Cache: %s%n", loads, outcomes);
        assertThat(loads).isLessThanOrEqualTo(1);
    }

    record Result(int failures, int staleAnswers, long databaseLoads, double cacheLoads) {
    }

    static Result stampede(ProductInstances instances) throws Exception {
        HttpResponse<String> created = AbstractIntegrationTest.send(instances.port(1), "POST", "/api/products",
                AbstractIntegrationTest.productJson("HOT-" + System.nanoTime(), "Hot product", 999, 100));
        JsonNode product = Json.parse(created.body());
        String id = product.get("id").asString();
        for (int i = 1; i <= instances.count(); i++) {
            assertThat(AbstractIntegrationTest.send(instances.port(i), "GET", "/api/products/" + id, null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> updated = AbstractIntegrationTest.send(instances.port(1), "PUT", "/api/products/" + id,
                AbstractIntegrationTest.productJson(product.get("sku").asString(), "Hot product v2", 1099, 100));
        assertThat(updated.statusCode()).isEqualTo(200);

        DatabaseLoads.reset();
        double loadsBefore = instances.counterSum("cache.loads", "cache", "products");
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                int port = instances.port(1 + i % instances.count());
                responses.add(clients.submit(() -> AbstractIntegrationTest.send(port, "GET", "/api/products/" + id, null)));
            }
        }
        int failures = 0;
        int stale = 0;
        for (Future<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.get();
            if (r.statusCode() != 200) {
                failures++;
            } else if (Json.parse(r.body()).get("version").asLong() != 2) {
                stale++;
            }
        }
        return new Result(failures, stale, DatabaseLoads.count(), instances.counterSum("cache.loads", "cache", "products") - loadsBefore);
    }
}
