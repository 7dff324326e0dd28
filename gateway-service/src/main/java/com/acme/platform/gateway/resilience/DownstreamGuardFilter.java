package com.acme.platform.gateway.resilience;

import com.acme.platform.gateway.error.GatewayProblem;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load shedding and fail-fast per downstream service (the route's {@code lb://<service>}):
 * <ul>
 *   <li>a Resilience4j semaphore {@link Bulkhead} with no wait: when {@code max-concurrent-calls} requests are
 *       already in flight to the service, the next one is answered 503 + {@code Retry-After} at once instead of
 *       queueing without bound in front of a slow service;</li>
 *   <li>a Resilience4j {@link CircuitBreaker}: connection failures, timeouts and 5xx answers count as failures (not
 *       a 503 with {@code Retry-After}: that is the service refusing fast what it cannot do now, passed on as is);
 *       once open, requests get 503 + {@code Retry-After} (the time until the breaker probes again) without
 *       touching the service, until half-open probes succeed. A response timeout opens it at once: a hung service
 *       costs the response timeout to the requests already in flight and one probe per open period, not to
 *       half a window of requests.</li>
 * </ul>
 * Settings per service under {@code resilience4j.bulkhead.instances.<service>} and
 * {@code resilience4j.circuitbreaker.instances.<service>} (defaults under {@code configs.default}). Not SCG's
 * CircuitBreaker filter:
 * that one (Spring Cloud CircuitBreaker) pulls Resilience4j 2.3 for Boot 3 and has no bulkhead.
 */
@Component
public class DownstreamGuardFilter implements GlobalFilter, Ordered {

    private final BulkheadRegistry bulkheads;
    private final CircuitBreakerRegistry breakers;

    public DownstreamGuardFilter(BulkheadRegistry bulkheads, CircuitBreakerRegistry breakers) {
        this.bulkheads = bulkheads;
        this.breakers = breakers;
    }

    @Override
    public int getOrder() {
        // Outside SCG's Retry filter (route filters are ordered 1, 2, ...): the breaker judges the outcome the client
        // gets. Counting each attempt instead would open the breaker for the whole service when one instance dies,
        // although retries on the other instance answer every request.
        return 0;
    }

    /** SCG reports a response timeout as a 504 {@link ResponseStatusException} caused by a {@link TimeoutException}. */
    private static boolean isResponseTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof ResponseStatusException e && e.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return true;
            }
        }
        return false;
    }

    private static boolean refusedWithRetryAfter(ServerWebExchange exchange, HttpStatusCode status) {
        return status != null && status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                && exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || route.getUri().getHost() == null) {
            return chain.filter(exchange);
        }
        String service = route.getUri().getHost();
        Bulkhead bulkhead = bulkheads.bulkhead(service, "default");
        CircuitBreaker breaker = breakers.circuitBreaker(service, "default");

        if (!bulkhead.tryAcquirePermission()) {
            return Mono.error(new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, service + " already has "
                    + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " requests in flight; retry shortly")
                    .retryAfter(Duration.ofSeconds(1)));
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            Duration wait = Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
            return Mono.error(new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, service
                    + " is failing (circuit breaker " + breaker.getState() + "); requests are not sent until it recovers")
                    .retryAfter(wait));
        }
        long start = System.nanoTime();
        AtomicBoolean recorded = new AtomicBoolean();
        return chain.filter(exchange)
                .doOnSuccess(ignored -> {
                    if (recorded.compareAndSet(false, true)) {
                        HttpStatusCode status = exchange.getResponse().getStatusCode();
                        if (refusedWithRetryAfter(exchange, status)) {
                            // The service answered at once that it cannot do this now (e.g. its database hangs) and
                            // said when to retry: it is alive and protecting itself. The client gets that answer as it
                            // is; counting it would open the breaker and turn away what the service can still serve.
                            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        } else if (status != null && status.is5xxServerError()) {
                            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS,
                                    new IllegalStateException(service + " answered " + status.value()));
                        } else {
                            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        }
                    }
                })
                .doOnError(error -> {
                    if (recorded.compareAndSet(false, true)) {
                        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error);
                        if (isResponseTimeout(error) && breaker.getState() == CircuitBreaker.State.CLOSED) {
                            // A service that lets a request run into the response timeout hangs (its process is
                            // frozen, or the network to it is cut): waiting for half of a window of such calls would
                            // cost many requests the whole timeout each. One is enough to stop sending it requests
                            // for the open period; a single half-open probe then finds out whether it is back.
                            breaker.transitionToOpenState();
                        }
                    }
                })
                .doOnCancel(() -> {
                    if (recorded.compareAndSet(false, true)) {
                        breaker.releasePermission();   // the client left; says nothing about the service
                    }
                })
                .doFinally(signal -> bulkhead.onComplete());
    }
}
