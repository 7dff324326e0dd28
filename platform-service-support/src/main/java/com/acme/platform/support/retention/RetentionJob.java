package com.acme.platform.support.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Deletes the rows of append-only tables (sent outbox rows, idempotency keys, processed event ids) once they are older
 * than their retention window, so those tables stop growing forever.
 *
 * <p>A small batch per statement: each {@code DELETE} runs in its own short transaction, so the job never holds many
 * row locks or writes one huge WAL record, and the requests writing the same tables meanwhile are not held up.
 * Safe with several instances running it at once: a batch locks its rows with {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent runs delete disjoint batches instead of waiting for each other, and every row is deleted (and counted)
 * once. The cutoff comes from the database's clock ({@code now()}), so instances with skewed clocks agree on it.
 *
 * <p>Meters: {@code retention_rows_deleted_total{table}} and {@code retention_rows_pending{table}} (rows past their
 * window still present after the last run: above zero for long means the job does not keep up).
 *
 * <p>As a Spring bean it runs itself every {@code interval} on a thread of its own, not on the application's
 * scheduler, where a long run would delay the outbox relay or the metrics refreshes sharing that thread.
 */
public final class RetentionJob implements SmartLifecycle {

    /** A table, the timestamp column that ages its rows, and how long a row is kept after that time. */
    public record Table(String name, String timeColumn, Duration keep) {

        private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

        public Table {
            if (!IDENTIFIER.matcher(name).matches() || !IDENTIFIER.matcher(timeColumn).matches()) {
                throw new IllegalArgumentException("not a plain SQL identifier: " + name + "." + timeColumn);
            }
            if (keep.isNegative() || keep.isZero()) {
                throw new IllegalArgumentException("retention of " + name + " must be positive, got " + keep);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcClient jdbc;
    private final int batchSize;
    private final int maxBatchesPerRun;
    private final Duration interval;
    private final List<Table> tables;
    private final Map<String, Counter> deleted = new LinkedHashMap<>();
    private final Map<String, AtomicLong> pending = new LinkedHashMap<>();
    private ScheduledExecutorService executor;

    /**
     * @param batchSize        rows per {@code DELETE} (one short transaction each)
     * @param maxBatchesPerRun cap per table and run, so one run's work is bounded; the rest waits for the next run
     * @param interval         pause between the end of one run and the start of the next (and before the first)
     */
    public RetentionJob(DataSource dataSource, MeterRegistry meters, int batchSize, int maxBatchesPerRun, Duration interval,
                        List<Table> tables) {
        if (batchSize < 1 || maxBatchesPerRun < 1 || !interval.isPositive()) {
            throw new IllegalArgumentException("batch size, batches per run and interval must be positive");
        }
        // Its own SQL on the service's data source: the services' persistence stays in their *Repository classes.
        this.jdbc = JdbcClient.create(dataSource);
        this.batchSize = batchSize;
        this.maxBatchesPerRun = maxBatchesPerRun;
        this.interval = interval;
        this.tables = List.copyOf(tables);
        for (Table table : tables) {
            deleted.put(table.name(), Counter.builder("retention.rows.deleted").tag("table", table.name())
                    .description("Rows deleted by the retention job after their retention window").register(meters));
            AtomicLong gauge = new AtomicLong();
            pending.put(table.name(), gauge);
            Gauge.builder("retention.rows.pending", gauge, AtomicLong::get).tag("table", table.name())
                    .description("Rows past their retention window still present after the last retention run").register(meters);
        }
    }

    /** Deletes what is due in every table (up to the per-run cap) and refreshes the gauges; returns rows deleted per table. */
    public Map<String, Long> run() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (Table table : tables) {
            long total = 0;
            try {
                for (int batch = 0; batch < maxBatchesPerRun; batch++) {
                    int n = deleteBatch(table);
                    total += n;
                    if (n < batchSize) {
                        break;
                    }
                }
                pending.get(table.name()).set(countDue(table));
            } catch (RuntimeException e) {
                // The next run retries; what was deleted so far is committed and counted.
                log.warn("retention of {} failed after {} rows: {}", table.name(), total, e.toString());
            }
            if (total > 0) {
                log.debug("retention: deleted {} rows of {}", total, table.name());
            }
            result.put(table.name(), total);
        }
        return result;
    }

    /**
     * One batch: the subquery picks and locks up to {@code batchSize} due rows that no other transaction holds, the
     * outer statement deletes exactly those (by physical row id, which cannot change while the row is locked).
     */
    int deleteBatch(Table table) {
        int n = jdbc.sql("""
                        DELETE FROM %1$s WHERE ctid = ANY(ARRAY(
                          SELECT ctid FROM %1$s WHERE %2$s < now() - make_interval(secs => :keep)
                          LIMIT :n FOR UPDATE SKIP LOCKED))""".formatted(table.name(), table.timeColumn()))
                .param("keep", (double) table.keep().toMillis() / 1000)
                .param("n", batchSize)
                .update();
        deleted.get(table.name()).increment(n);
        return n;
    }

    long countDue(Table table) {
        return jdbc.sql("SELECT count(*) FROM %s WHERE %s < now() - make_interval(secs => :keep)"
                        .formatted(table.name(), table.timeColumn()))
                .param("keep", (double) table.keep().toMillis() / 1000)
                .query(Long.class).single();
    }

    @Override
    public synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("retention").daemon(true).factory());
            executor.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** A scheduled task that throws is never run again: nothing may escape. */
    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("retention run failed: {}", e.toString());
        }
    }
}
