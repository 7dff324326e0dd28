package com.acme.platform.orderservice;

import com.acme.platform.support.retention.RetentionJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on the devstack's PostgreSQL: sent outbox rows and idempotency keys past their window are deleted, newer
 * ones stay, and two instances running the job at once neither wait for each other nor delete a row twice.
 */
class RetentionTests extends AbstractIntegrationTest {

    @Autowired
    RetentionJob retention;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void rowsPastTheirWindowAreDeletedNewerOnesStay() throws Exception {
        // Defaults: sent outbox rows 1 h, idempotency keys 24 h.
        long sentLongAgo = outboxRow("2 hours"), sentRecently = outboxRow("10 minutes");
        String oldKey = idempotencyKey("25 hours"), recentKey = idempotencyKey("23 hours");

        retention.run();

        assertThat(count("SELECT count(*) FROM outbox WHERE id = ?", sentLongAgo)).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE id = ?", sentRecently)).isOne();
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", oldKey)).isZero();
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", recentKey)).isOne();

        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.body())
                .containsPattern("retention_rows_deleted_total\\{[^}]*table=\"outbox\"[^}]*} [1-9]")
                .containsPattern("retention_rows_deleted_total\\{[^}]*table=\"idempotency_key\"[^}]*} [1-9]")
                .containsPattern("retention_rows_pending\\{[^}]*table=\"idempotency_key\"[^}]*} 0");
    }

    @Test
    void theOpenApiDocumentStatesTheReplayWindow() throws Exception {
        assertThat(get("/v3/api-docs").body()).contains("Replay window: 24h after the key's first use.");
    }

    @Test
    void twoInstancesDeleteDisjointBatchesWithoutWaiting() throws Exception {
        jdbc.sql("CREATE TABLE IF NOT EXISTS retention_probe (id bigserial PRIMARY KEY, at timestamptz)").update();
        jdbc.sql("TRUNCATE retention_probe").update();
        jdbc.sql("INSERT INTO retention_probe (at) SELECT now() - interval '2 hours' FROM generate_series(1, 20000)").update();
        jdbc.sql("INSERT INTO retention_probe (at) SELECT now() FROM generate_series(1, 100)").update();
        jdbc.sql("INSERT INTO retention_probe (at) SELECT NULL FROM generate_series(1, 10)").update(); // never due
        List<RetentionJob.Table> table = List.of(new RetentionJob.Table("retention_probe", "at", Duration.ofHours(1)));
        SimpleMeterRegistry metersA = new SimpleMeterRegistry(), metersB = new SimpleMeterRegistry();
        RetentionJob a = new RetentionJob(dataSource, metersA, 200, 1000, Duration.ofHours(1), table);
        RetentionJob b = new RetentionJob(dataSource, metersB, 200, 1000, Duration.ofHours(1), table);

        // Another instance in the middle of a batch: it holds 100 due rows locked. Both runs skip them instead of waiting.
        // Threads of its own: on 2 cores the common pool has one thread, which the holder below would keep blocked.
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CountDownLatch locked = new CountDownLatch(1), release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT id FROM retention_probe WHERE at IS NOT NULL ORDER BY id LIMIT 100 FOR UPDATE").query().listOfRows();
            locked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), threads);
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Map<String, Long>> runA = CompletableFuture.supplyAsync(() -> awaitThen(go, a::run), threads);
        CompletableFuture<Map<String, Long>> runB = CompletableFuture.supplyAsync(() -> awaitThen(go, b::run), threads);
        go.countDown();
        long deletedA = runA.get(60, TimeUnit.SECONDS).get("retention_probe");
        long deletedB = runB.get(60, TimeUnit.SECONDS).get("retention_probe");

        assertThat(deletedA + deletedB).isEqualTo(19_900);
        assertThat(metersA.get("retention.rows.deleted").counter().count() + metersB.get("retention.rows.deleted").counter().count())
                .isEqualTo(19_900);
        assertThat(count("SELECT count(*) FROM retention_probe")).isEqualTo(100 + 100 + 10);

        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThat(a.run().get("retention_probe")).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM retention_probe WHERE at IS NULL OR at > now() - interval '1 hour'")).isEqualTo(110);
        assertThat(count("SELECT count(*) FROM retention_probe")).isEqualTo(110);
        jdbc.sql("DROP TABLE retention_probe").update();
        threads.shutdown();
    }

    private static <T> T awaitThen(CountDownLatch go, java.util.function.Supplier<T> work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return work.get();
    }

    private long outboxRow(String sentAgo) {
        return jdbc.sql("""
                        INSERT INTO outbox (topic, event_key, payload, created_at, sent_at)
                        VALUES ('orders', :key, '{}', now() - CAST(:ago AS interval), now() - CAST(:ago AS interval)) RETURNING id""")
                .param("key", UUID.randomUUID().toString()).param("ago", sentAgo).query(Long.class).single();
    }

    private String idempotencyKey(String createdAgo) {
        String key = "retention-" + UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO idempotency_key (principal, idempotency_key, request_body, response_status, response_body, order_id, created_at)
                        VALUES ('retention-tests', :key, '{}', 201, '{}', :order, now() - CAST(:ago AS interval))""")
                .param("key", key).param("order", UUID.randomUUID()).param("ago", createdAgo).update();
        return key;
    }
}
