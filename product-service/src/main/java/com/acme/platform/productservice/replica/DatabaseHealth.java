package com.acme.platform.productservice.replica;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether the primary and the standby answer, as one circuit breaker each, fed by {@link ReplayPositionPoller}'s
 * polls (every few milliseconds, on their own threads) and, for the standby, by the reads themselves.
 *
 * <p>A stopped server refuses connections and a request learns it in microseconds; a hung one (frozen process,
 * network partition) keeps connections open, and every request would wait for its socket timeout. So the poller is
 * the health check: one failed poll opens the server's breaker, requests then route around the server (standby) or
 * fail at once with 503 + {@code Retry-After} (primary) without touching it, and the poller keeps polling it in the
 * background: its first answer closes the breaker again. Requests never probe a server that is down.
 *
 * <p>Meters: {@code db_server_available{server}} (1 up, 0 down) and, for the primary, Resilience4j's
 * {@code resilience4j_circuitbreaker_state{name="db-primary"}}. Each change is logged once.
 */
@Component
public class DatabaseHealth {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    private final CircuitBreaker primary;
    private final CircuitBreaker standby;
    private final Duration retryAfter;

    public DatabaseHealth(CircuitBreakerRegistry breakers, MeterRegistry meters) {
        this.primary = breakers.circuitBreaker("db-primary");
        this.retryAfter = Duration.ofMillis(primary.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
        this.standby = CircuitBreaker.of("standby", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(2)
                .failureRateThreshold(50)
                .recordException(ReadRouter::isConnectionFailure)
                // No half-open state in practice: the poller closes it when the standby answers again, and reads
                // only use the standby while it is closed, so no read ever probes a standby that is down.
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        Gauge.builder("db.server.available", this, h -> h.primaryUp() ? 1 : 0).tag("server", "primary")
                .description("1 while the server answers its health polls; 0 while requests avoid it").register(meters);
        Gauge.builder("db.server.available", this, h -> h.standbyUp() ? 1 : 0).tag("server", "standby")
                .description("1 while the server answers its health polls; 0 while requests avoid it").register(meters);
    }

    /** The standby's breaker: reads record their connection failures in it (see ReadRouter). */
    CircuitBreaker standby() {
        return standby;
    }

    public boolean primaryUp() {
        return primary.getState() == CircuitBreaker.State.CLOSED;
    }

    public boolean standbyUp() {
        return standby.getState() == CircuitBreaker.State.CLOSED;
    }

    /** Fails at once while the primary is known to be unreachable; called before a request takes a primary connection. */
    public void requirePrimary() throws PrimaryUnavailableException {
        if (!primaryUp()) {
            throw new PrimaryUnavailableException(retryAfter);
        }
    }

    /** What a 503 caused by the primary tells the client: the breaker's open period. */
    public Duration retryAfter() {
        return retryAfter;
    }

    void primaryPolled(long nanos, Exception failure) {
        polled("primary", primary, nanos, failure);
    }

    void standbyPolled(long nanos, Exception failure) {
        polled("standby", standby, nanos, failure);
    }

    private static void polled(String server, CircuitBreaker breaker, long nanos, Exception failure) {
        CircuitBreaker.State before = breaker.getState();
        if (failure == null) {
            if (before != CircuitBreaker.State.CLOSED) {
                breaker.transitionToClosedState();
                log.warn("{} answers again after being unreachable: requests use it again", server);
            } else {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
            return;
        }
        if (!ReadRouter.isConnectionFailure(failure)) {
            return; // a query error says nothing about reachability
        }
        if (before == CircuitBreaker.State.CLOSED) {
            breaker.transitionToOpenState();
            log.warn("{} unreachable ({} after {} ms): {}", server, failure.toString(), nanos / 1_000_000,
                    "primary".equals(server) ? "requests that need it fail at once with 503 until it answers"
                            : "reads go to the primary until it answers");
        }
    }

    /** The primary is unreachable (its health poll failed): requests that need it are answered 503 at once. */
    public static final class PrimaryUnavailableException extends SQLTransientConnectionException {

        private final transient Duration retryAfter;

        PrimaryUnavailableException(Duration retryAfter) {
            super("the primary database is not answering; requests that need it are refused until it does", "08001");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // expected while the primary is down, one per refused request: no stack trace to build
        }
    }
}
