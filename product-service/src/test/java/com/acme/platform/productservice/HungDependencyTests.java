package com.acme.platform.productservice;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.Devstack.Server;
import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hung dependencies (process tree frozen with SIGSTOP: connections stay open, nothing answers): the hang costs the
 * first requests that touch it at most a timeout, later requests run at the speed they have without it, requests
 * that need it fail fast with 503 + Retry-After, a meter shows it, and everything recovers after the resume.
 *
 * <p>Latency bounds are generous for a busy 2-core machine (a fail-fast within 2 s, "fast" under 500 ms); the real
 * figures are printed.
 */
class HungDependencyTests extends AbstractIntegrationTest {

    private static final int SLOW_MILLIS = 240;
    final Devstack devstack = DevstackExtension.shared();

    @Test
    void aHungRedisCostsTheFirstReadsAtMostItsCommandTimeoutThenReadsBypassItAtFullSpeed() throws Exception {
        String id = createProduct("Hung Redis", 1999, 5).get("id").asString();
        List<Long> millis = new ArrayList<>();
        devstack.freeze(Server.REDIS);
        try {
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> read = timed(millis, () -> get("/api/products/" + id));
                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(read.headers().firstValue("X-Cache")).hasValue("BYPASS");
            }
            assertThat(meter("cache_redis_available")).isEqualTo(0);
        } finally {
            devstack.resume(Server.REDIS);
        }
        report("redis", millis);
        assertThat(millis.stream().filter(ms -> ms >= SLOW_MILLIS).count()).as("reads that waited for Redis").isLessThanOrEqualTo(3);
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            get("/api/products/" + id);
            assertThat(get("/api/products/" + id).headers().firstValue("X-Cache")).hasValue("HIT");
        });
        assertThat(meter("cache_redis_available")).isEqualTo(1);
    }

    @Test
    void aHungStandbyCostsTheFirstReadsAtMostItsSocketTimeoutThenReadsGoToThePrimary() throws Exception {
        createProduct("Hung standby", 999, 5);
        List<Long> millis = new ArrayList<>();
        devstack.freeze(Server.POSTGRES_STANDBY);
        try {
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> list = timed(millis, () -> get("/api/products?limit=5"));
                assertThat(list.statusCode()).isEqualTo(200);
            }
            assertThat(meter("db_server_available", "server=\"standby\"")).isEqualTo(0);
        } finally {
            devstack.resume(Server.POSTGRES_STANDBY);
        }
        report("standby", millis);
        assertThat(millis.stream().filter(ms -> ms >= SLOW_MILLIS).count()).as("reads that waited for the standby").isLessThanOrEqualTo(3);
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> meter("db_server_available", "server=\"standby\"") == 1);
        double replicaReads = meter("db_reads_total", "target=\"replica\"");
        assertThat(get("/api/products?limit=5").statusCode()).isEqualTo(200);
        assertThat(meter("db_reads_total", "target=\"replica\"")).isGreaterThan(replicaReads);
    }

    @Test
    void aHungPrimaryFailsWritesFastWith503AndRetryAfterWhileReadsKeepAnswering() throws Exception {
        String id = createProduct("Hung primary", 4999, 5).get("id").asString();
        assertThat(get("/api/products/" + id).statusCode()).isEqualTo(200);
        List<Long> writes = new ArrayList<>();
        List<Long> reads = new ArrayList<>();
        devstack.freeze(Server.POSTGRES_PRIMARY);
        try {
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> write = timed(writes, () -> send("POST", "/api/products",
                        productJson("T-" + UUID.randomUUID(), "refused", 100, 1)));
                assertThat(write.statusCode()).isEqualTo(503);
                assertThat(write.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(write.headers().firstValue("Retry-After")).hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
                assertThat(timed(reads, () -> get("/api/products/" + id)).statusCode()).isEqualTo(200);
                assertThat(timed(reads, () -> get("/api/products?limit=5")).statusCode()).isEqualTo(200);
            }
            assertThat(meter("db_server_available", "server=\"primary\"")).isEqualTo(0);
        } finally {
            devstack.resume(Server.POSTGRES_PRIMARY);
        }
        report("primary (writes)", writes);
        report("primary (reads)", reads);
        assertThat(writes).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
        assertThat(writes.subList(3, writes.size())).as("writes once the primary is known to hang")
                .allSatisfy(ms -> assertThat(ms).isLessThan(500));
        assertThat(reads.stream().filter(ms -> ms >= SLOW_MILLIS).count()).isLessThanOrEqualTo(3);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> send("POST",
                "/api/products", productJson("T-" + UUID.randomUUID(), "after", 100, 1)).statusCode() == 201);
        assertThat(meter("db_server_available", "server=\"primary\"")).isEqualTo(1);
    }

    private static <T> T timed(List<Long> millis, Callable<T> call) throws Exception {
        long t0 = System.nanoTime();
        T result = call.call();
        millis.add((System.nanoTime() - t0) / 1_000_000);
        return result;
    }

    private static void report(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("[hung %s] %d requests: first five %s ms, p50 %d ms, max %d ms, %d >= %d ms%n", what,
                millis.size(), millis.subList(0, Math.min(5, millis.size())), sorted.get(sorted.size() / 2),
                sorted.getLast(), millis.stream().filter(ms -> ms >= SLOW_MILLIS).count(), SLOW_MILLIS);
    }

    private double meter(String name) throws Exception {
        return meter(name, "");
    }

    /** The first Prometheus sample of this meter whose labels include {@code label} (e.g. {@code server="primary"}). */
    private double meter(String name, String label) throws Exception {
        return LocalHttp.get(port, "/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no meter " + name + " " + label));
    }
}
