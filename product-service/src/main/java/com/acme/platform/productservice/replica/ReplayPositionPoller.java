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
 *
 * <p>The polls double as the servers' health checks ({@link DatabaseHealth}): each server is polled on its own
 * thread over its own connection, so a hung primary does not stop the standby's position from advancing (and the
 * other way round), and a failed poll takes the server out of request routing until a poll succeeds again.
 */
@Component
public class ReplayPositionPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayPositionPoller.class);
    private static final String PRIMARY_POSITION = "SELECT COALESCE(pg_current_wal_lsn(), '0/0'::pg_lsn) - '0/0'::pg_lsn";
    /** Replay position and lag in one round trip; lag is 0 when the standby has replayed all it received. */
    private static final String STANDBY_STATE = """
            SELECT COALESCE(pg_last_wal_replay_lsn(), '0/0'::pg_lsn) - '0/0'::pg_lsn,
                   CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END""";

    private final ConnectionPools pools;
    private final DatabaseHealth health;
    private final long intervalMillis;
    private volatile long replayed;
    private volatile long primary;
    private volatile double lagSeconds;
    private ScheduledExecutorService primaryPoller;
    private ScheduledExecutorService standbyPoller;

    public ReplayPositionPoller(ConnectionPools pools, DatabaseHealth health, DatabaseProperties properties,
                                MeterRegistry meters) {
        this.pools = pools;
        this.health = health;
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
        pollPrimary();
        pollStandby();
    }

    private void pollPrimary() {
        long t0 = System.nanoTime();
        try (Connection c = pools.primaryPoll().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(PRIMARY_POSITION)) {
            if (rs.next()) {
                primary = Math.max(primary, rs.getLong(1));
            }
            health.primaryPolled(System.nanoTime() - t0, null);
        } catch (Exception e) {
            log.debug("primary position poll failed: {}", e.toString());
            health.primaryPolled(System.nanoTime() - t0, e);
        }
    }

    private void pollStandby() {
        long t0 = System.nanoTime();
        try (Connection c = pools.replicaPoll().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(STANDBY_STATE)) {
            if (rs.next()) {
                replayed = Math.max(replayed, rs.getLong(1));
                lagSeconds = rs.getDouble(2);
            }
            health.standbyPolled(System.nanoTime() - t0, null);
        } catch (Exception e) {
            log.debug("standby position poll failed: {}", e.toString());
            health.standbyPolled(System.nanoTime() - t0, e);
        }
    }

    @Override
    public void start() {
        poll();
        primaryPoller = every(intervalMillis, "primary-position-poller", this::pollPrimary);
        standbyPoller = every(intervalMillis, "standby-position-poller", this::pollStandby);
    }

    private static ScheduledExecutorService every(long millis, String name, Runnable poll) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon().factory());
        scheduler.scheduleWithFixedDelay(poll, millis, millis, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    @Override
    public void stop() {
        if (primaryPoller != null) {
            primaryPoller.shutdownNow();
            standbyPoller.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return primaryPoller != null && !primaryPoller.isShutdown();
    }
}
