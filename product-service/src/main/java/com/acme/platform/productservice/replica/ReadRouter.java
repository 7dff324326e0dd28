package com.acme.platform.productservice.replica;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;

/**
 * Where a read runs. Read-only transactions go to the standby (through the {@code LazyConnectionDataSourceProxy});
 * a read whose required position the standby has not replayed yet, or any read while the standby is failing, runs
 * on the primary instead. A read that fails on the standby with a connection error is retried once on the primary,
 * so a standby outage never reaches the client; the standby's circuit breaker (see {@link DatabaseHealth}: opened by
 * a failed health poll or by failing reads, closed by the next successful poll) keeps later reads off the standby
 * until it answers again, so reads return to it by themselves. {@code db_reads_total{target}} counts the server
 * that actually answered.
 */
@Component
public class ReadRouter {

    public enum Target { PRIMARY, REPLICA }

    /** Where a read ran and the commit position it reflects at least (captured before the query). */
    public record ReadContext(Target target, long position) {
    }

    private final TransactionTemplate replicaTx;
    private final TransactionTemplate primaryTx;
    private final ReplayPositionPoller positions;
    private final CircuitBreaker standby;
    private final Counter primaryReads;
    private final Counter replicaReads;

    public ReadRouter(PlatformTransactionManager transactions, ReplayPositionPoller positions, DatabaseHealth health,
                      MeterRegistry registry) {
        this.replicaTx = new TransactionTemplate(transactions);
        this.replicaTx.setReadOnly(true);
        this.primaryTx = new TransactionTemplate(transactions);
        this.positions = positions;
        this.standby = health.standby();
        this.primaryReads = Counter.builder("db.reads").tag("target", "primary").register(registry);
        this.replicaReads = Counter.builder("db.reads").tag("target", "replica").register(registry);
    }

    /** Runs a read on the standby if it has replayed {@code minPosition}, else (or if it fails to connect) on the primary. */
    public <T> T read(long minPosition, Function<ReadContext, T> work) {
        long replayed = positions.replayed();
        // Only while the standby answers its health polls: a hung standby would cost each read its socket timeout.
        if (minPosition <= replayed && standby.getState() == CircuitBreaker.State.CLOSED) {
            try {
                T result = standby.executeSupplier(() -> replicaTx.execute(status -> work.apply(new ReadContext(Target.REPLICA, replayed))));
                replicaReads.increment();
                return result;
            } catch (CallNotPermittedException standbyResting) {
                // fall through to the primary
            } catch (RuntimeException e) {
                if (!isConnectionFailure(e)) {
                    throw e;
                }
            }
        }
        return onPrimary(work);
    }

    /** Reads that must be current (order-time prices and stock): always the primary. */
    public <T> T onPrimary(Function<ReadContext, T> work) {
        long position = positions.primary();
        T result = primaryTx.execute(status -> work.apply(new ReadContext(Target.PRIMARY, position)));
        primaryReads.increment();
        return result;
    }

    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException) {
                return true;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketTimeoutException) {
                return true; // includes Hikari's "connection is not available" and a hung server's socket timeout
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
