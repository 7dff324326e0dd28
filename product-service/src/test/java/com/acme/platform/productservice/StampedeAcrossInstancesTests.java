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
import java.util.concurrent.CountDownLatch;
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
            // How many readers miss before the first one refills depends on timing: on a quiet machine one round can
            // happen to see a single load. Up to five rounds (fresh hot products), stopping at the first that lets
            // the stampede through; every round's figures are reported.
            List<Long> loadsPerRound = new ArrayList<>();
            for (int round = 1; round <= 5 && loadsPerRound.stream().noneMatch(loads -> loads > 1); round++) {
                Result result = stampede(naive);
                System.out.printf("[stampede] naive mode, round %d: %d database loads (pg_stat_statements), %d cache loads for %d requests%n",
                        round, result.databaseLoads, (long) result.cacheLoads, REQUESTS);
                assertThat(result.failures).isZero();
                assertThat(result.staleAnswers).isZero();
                loadsPerRound.add(result.databaseLoads);
            }
            assertThat(loadsPerRound).as("database loads per round").anyMatch(loads -> loads > 1);
        }
    }

    @Test
    void aThousandReadsOfAnUnknownIdCauseAtMostOneDatabaseLoad() throws Exception {
        ProductInstances instances = ProductInstances.shared();
        // An earlier class may have stopped or frozen Redis: each instance's breaker must have found it again, or its
        // reads bypass the cache (one coalesced load per instance) and this would not be the protected path.
        for (int i = 1; i <= instances.count(); i++) {
            instances.awaitCacheConnected(i);
        }
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
        // Open the clients' connections first (a stampede of cached reads), so that the measured stampede is not
        // spread out over 500 TCP handshakes: all its requests are released together on open connections.
        concurrentGets(instances, id, null);

        HttpResponse<String> updated = AbstractIntegrationTest.send(instances.port(1), "PUT", "/api/products/" + id,
                AbstractIntegrationTest.productJson(product.get("sku").asString(), "Hot product v2", 1099, 100));
        assertThat(updated.statusCode()).isEqualTo(200);

        DatabaseLoads.reset();
        double loadsBefore = instances.counterSum("cache.loads", "cache", "products");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = concurrentGets(instances, id, start);
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

    /** REQUESTS concurrent GETs spread over the instances; with a latch, they all wait for it and go at once. */
    private static List<Future<HttpResponse<String>>> concurrentGets(ProductInstances instances, String id, CountDownLatch start) {
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                int port = instances.port(1 + i % instances.count());
                responses.add(clients.submit(() -> {
                    if (start != null) {
                        start.await();
                    }
                    return AbstractIntegrationTest.send(port, "GET", "/api/products/" + id, null);
                }));
            }
            if (start != null) {
                start.countDown();
            }
        }
        return responses;
    }
}
