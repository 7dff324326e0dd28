package com.acme.platform.gateway.ratelimit;

import com.acme.platform.gateway.error.GatewayProblem;
import com.acme.platform.gateway.security.ClientKey;
import com.acme.platform.gateway.security.RefusedRequestLimiter;
import com.acme.platform.gateway.requestid.RequestThreadLocals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies SCG's Redis token bucket ({@link RedisRateLimiter}, its Lua script, its {@code X-RateLimit-*} headers) to
 * every routed request. Written as a global filter around the limiter rather than SCG's
 * {@code RequestRateLimiter} filter because that one answers 429 with an empty body and no {@code Retry-After},
 * and takes one limit per route, while the contract wants problem+json, {@code Retry-After}, and different limits
 * for authenticated and anonymous callers on the same route.
 *
 * <p>Redis down: {@code RedisRateLimiter} lets the request through (fail open) and logs the error; a short command
 * timeout and rejecting commands while disconnected (config/RedisClientConfig) keep that bypass fast, and
 * {@link RedisLimiterBreaker} skips Redis altogether once checks fail, so a hung Redis costs no request its timeout. Availability
 * of the API wins over exact limits for the minutes Redis is away; the
 * {@code gateway_rate_limit_requests_total{outcome="redis_unavailable"}} meter shows it.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered, RefusedRequestLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String AUTHENTICATED = "authenticated";
    private static final String ANONYMOUS = "anonymous";

    private final RedisRateLimiter limiter;
    private final PrincipalOrAddressKeyResolver keys;
    private final RateLimitProperties properties;
    private final MeterRegistry meters;
    private final RedisLimiterBreaker redisBreaker;
    /** One counter per outcome, looked up once: a registry lookup builds the meter id and its tags on every call. */
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public RateLimitFilter(RedisRateLimiter limiter, PrincipalOrAddressKeyResolver keys, RateLimitProperties properties,
                           MeterRegistry meters, RedisLimiterBreaker redisBreaker) {
        this.limiter = limiter;
        this.redisBreaker = redisBreaker;
        this.keys = keys;
        this.properties = properties;
        this.meters = meters;
        // The limiter looks its settings up by the name it is called with; register ours under our names.
        limiter.getConfig().put(AUTHENTICATED, config(properties.authenticated()));
        limiter.getConfig().put(ANONYMOUS, config(properties.anonymous()));
        properties.routes().forEach((route, limits) -> {
            if (limits.authenticated() != null) {
                limiter.getConfig().put(route + "." + AUTHENTICATED, config(limits.authenticated()));
            }
            if (limits.anonymous() != null) {
                limiter.getConfig().put(route + "." + ANONYMOUS, config(limits.anonymous()));
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;   // first of the routed steps: a refused request costs nothing more
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ClientKey client = ClientKey.from(exchange);
        String bucket = bucketFor(exchange, client.authenticated() ? AUTHENTICATED : ANONYMOUS);
        if (!redisBreaker.closed()) {
            // Redis failed lately: fail open at once; one check probes it in the background when the breaker allows.
            if (redisBreaker.tryProbe()) {
                long t0 = System.nanoTime();
                keys.resolve(exchange).flatMap(key -> limiter.isAllowed(bucket, key)).subscribe(
                        response -> record(response, t0), error -> redisBreaker.failed(System.nanoTime() - t0));
            }
            // The same sign as the limiter's own fail-open answer: no bucket was consulted.
            exchange.getResponse().getHeaders().set(limiter.getRemainingHeader(), "-1");
            count("redis_unavailable");
            return chain.filter(exchange);
        }
        long t0 = System.nanoTime();
        return limiter.isAllowed(bucket, client.value())
                // The answer arrives on the Redis client's thread, where the rest of the chain continues: give it
                // the request id and trace again (RequestThreadLocals).
                .flatMap(response -> RequestThreadLocals.around(Mono.defer(() -> decide(exchange, chain, client, bucket, response, t0))));
    }

    private Mono<Void> decide(ServerWebExchange exchange, GatewayFilterChain chain, ClientKey client, String bucket,
                              RateLimiter.Response response, long t0) {
        boolean redisAnswered = record(response, t0);
        response.getHeaders().forEach((name, value) -> exchange.getResponse().getHeaders().set(name, value));
        if (response.isAllowed()) {
            count(redisAnswered ? "allowed" : "redis_unavailable");
            return chain.filter(exchange);
        }
        count("rejected");
        RedisRateLimiter.Config config = limiter.getConfig().get(bucket);
        Duration refill = Duration.ofMillis((long) Math.ceil(1000.0 / config.getReplenishRate()));
        return Mono.error(new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit of " + config.getReplenishRate() + " requests/s (burst " + config.getBurstCapacity()
                        + ") exceeded for " + client.value() + "; retry after the Retry-After delay")
                .retryAfter(refill));
    }

    /**
     * A request Spring Security refused (no or bad credentials) still counts against its address's anonymous bucket,
     * so guessing keys or tokens is limited like any anonymous call. Completes empty when it is within the limit (or
     * Redis is unavailable: fail open, as for any request), with the 429 problem when over it.
     */
    @Override
    public Mono<Void> countRefused(ServerWebExchange exchange) {
        if (!redisBreaker.closed()) {
            return Mono.empty();
        }
        ClientKey address = ClientKey.of(null, exchange);
        long t0 = System.nanoTime();
        return limiter.isAllowed(ANONYMOUS, address.value()).flatMap(response -> {
            boolean redisAnswered = record(response, t0);
            response.getHeaders().forEach((name, value) -> exchange.getResponse().getHeaders().set(name, value));
            if (response.isAllowed()) {
                count(redisAnswered ? "refused_allowed" : "redis_unavailable");
                return Mono.<Void>empty();
            }
            count("refused_rejected");
            RedisRateLimiter.Config config = limiter.getConfig().get(ANONYMOUS);
            return Mono.error(new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many refused requests from " + address.value() + " (limit " + config.getReplenishRate()
                            + " requests/s, burst " + config.getBurstCapacity() + "); retry after the Retry-After delay")
                    .retryAfter(Duration.ofMillis((long) Math.ceil(1000.0 / config.getReplenishRate()))));
        });
    }

    /** RedisRateLimiter answers "allowed, remaining -1" when Redis failed (it logs the error itself). */
    private boolean record(RateLimiter.Response response, long t0) {
        boolean answered = !"-1".equals(response.getHeaders().get(limiter.getRemainingHeader()));
        if (answered) {
            redisBreaker.succeeded(System.nanoTime() - t0);
        } else {
            redisBreaker.failed(System.nanoTime() - t0);
        }
        return answered;
    }

    private String bucketFor(ServerWebExchange exchange, String kind) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null && limiter.getConfig().containsKey(route.getId() + "." + kind)) {
            return route.getId() + "." + kind;
        }
        return kind;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> meters.counter("gateway.rate.limit.requests", "outcome", o)).increment();
        if ("redis_unavailable".equals(outcome) && log.isDebugEnabled()) {
            log.debug("Rate limiter bypassed: Redis unavailable");
        }
    }

    private static RedisRateLimiter.Config config(RateLimitProperties.Limit limit) {
        return new RedisRateLimiter.Config().setReplenishRate(limit.replenishRate()).setBurstCapacity(limit.burstCapacity());
    }
}
