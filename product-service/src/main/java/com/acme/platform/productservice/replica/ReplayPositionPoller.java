package com.acme.platform.productservice.replica;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One poller per instance watches how far the standby has replayed ({@code pg_last_wal_replay_lsn()}) and how far
 * the primary has written ({@code pg_current_wal_lsn()}). Requests consult these numbers instead of waiting on the
 * standby: a read whose consistency token is past the replayed position simply goes to the primary, so no request
 * holds a connection while replication catches up. Both values are lower bounds of the truth (read before use).
 */
@Component
public class ReplayPositionPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayPositionPoller.class);
    private static final String POSITION = "SELECT COALESCE(%s, '0/0'::pg_lsn) - '0/0'::pg_lsn";
    /** Replay position and lag in one round trip; lag is 0 when the standby has replayed all it received. */
    private static final String STANDBY_STATE = """
            SELECT COALESCE(pg_last_wal_replay_lsn(), '0/0'::pg_lsn) - '0/0'::pg_lsn,
                   CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END""";

    private final ConnectionPools pools;
    private final long intervalMillis;
    private volatile long replayed;
    private volatile long primary;
    private volatile double lagSeconds;
    private ScheduledExecutorService scheduler;

    public ReplayPositionPoller(ConnectionPools pools, DatabaseProperties properties, MeterRegistry meters) {
        this.pools = pools;
        this.intervalMillis = properties.positionPollInterval().toMillis();
        Gauge.builder("db.replica.lag", this, p -> p.lagSeconds)
                .description("How far the standby's replay is behind (0 when it has replayed everything it received)")
                .baseUnit("seconds")
                .register(meters);
    }

    /** The standby has replayed at least this far. */
    public long replayed() {
        return replayed;
    }

    /** The primary had written at least this far. */
    public long primary() {
        return primary;
    }

    void poll() {
        primary = Math.max(primary, query(pools.primary(), POSITION.formatted("pg_current_wal_lsn()"), primary));
        try (Connection c = pools.replica().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(STANDBY_STATE)) {
            if (rs.next()) {
                replayed = Math.max(replayed, rs.getLong(1));
                lagSeconds = rs.getDouble(2);
            }
        } catch (Exception e) {
            log.debug("standby position poll failed: {}", e.toString());
        }
    }

    private static long query(javax.sql.DataSource source, String sql, long previous) {
        try (Connection c = source.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : previous;
        } catch (Exception e) {
            log.debug("WAL position poll failed: {}", e.toString());
            return previous;
        }
    }

    @Override
    public void start() {
        poll();
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("wal-position-poller").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::poll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
