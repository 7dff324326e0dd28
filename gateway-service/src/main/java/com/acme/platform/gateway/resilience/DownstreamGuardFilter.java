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
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load shedding and fail-fast per downstream service (the route's {@code lb://<service>}):
 * <ul>
 *   <li>a Resilience4j semaphore {@link Bulkhead} with no wait: when {@code max-concurrent-calls} requests are
 *       already in flight to the service, the next one is answered 503 + {@code Retry-After} at once instead of
 *       queueing without bound in front of a slow service;</li>
 *   <li>a Resilience4j {@link CircuitBreaker}: connection failures, timeouts and 5xx answers count as failures;
 *       once open, requests get 503 + {@code Retry-After} (the time until the breaker probes again) without
 *       touching the service, until half-open probes succeed.</li>
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
                        if (status != null && status.is5xxServerError()) {
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
