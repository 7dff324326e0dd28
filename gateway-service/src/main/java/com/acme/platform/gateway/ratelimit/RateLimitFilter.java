package com.acme.platform.gateway.ratelimit;

import com.acme.platform.gateway.error.GatewayProblem;
import com.acme.platform.gateway.requestid.RequestThreadLocals;
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

/**
 * Applies SCG's Redis token bucket ({@link RedisRateLimiter}, its Lua script, its {@code X-RateLimit-*} headers) to
 * every routed request. Written as a global filter around the limiter rather than SCG's
 * {@code RequestRateLimiter} filter because that one answers 429 with an empty body and no {@code Retry-After},
 * and takes one limit per route, while the contract wants problem+json, {@code Retry-After}, and different limits
 * for authenticated and anonymous callers on the same route.
 *
 * <p>Redis down: {@code RedisRateLimiter} lets the request through (fail open) and logs the error; a short command
 * timeout and rejecting commands while disconnected (config/RedisClientConfig) keep that bypass fast. Availability
 * of the API wins over exact limits for the minutes Redis is away; the
 * {@code gateway_rate_limit_requests_total{outcome="redis_unavailable"}} meter shows it.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String AUTHENTICATED = "authenticated";
    private static final String ANONYMOUS = "anonymous";

    private final RedisRateLimiter limiter;
    private final PrincipalOrAddressKeyResolver keys;
    private final RateLimitProperties properties;
    private final MeterRegistry meters;

    public RateLimitFilter(RedisRateLimiter limiter, PrincipalOrAddressKeyResolver keys, RateLimitProperties properties,
                           MeterRegistry meters) {
        this.limiter = limiter;
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
        return Ordered.HIGHEST_PRECEDENCE + 100;   // after IdentityForwardingFilter has recorded the client key
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ClientKey client = ClientKey.from(exchange);
        String bucket = bucketFor(exchange, client.authenticated() ? AUTHENTICATED : ANONYMOUS);
        return keys.resolve(exchange)
                .flatMap(key -> limiter.isAllowed(bucket, key))
                // The answer arrives on the Redis client's thread, where the rest of the chain continues: give it
                // the request id and trace again (RequestThreadLocals).
                .flatMap(response -> RequestThreadLocals.around(Mono.defer(() -> decide(exchange, chain, client, bucket, response))));
    }

    private Mono<Void> decide(ServerWebExchange exchange, GatewayFilterChain chain, ClientKey client, String bucket,
                              RateLimiter.Response response) {
        response.getHeaders().forEach((name, value) -> exchange.getResponse().getHeaders().set(name, value));
        String remaining = response.getHeaders().get(limiter.getRemainingHeader());
        if (response.isAllowed()) {
            count("-1".equals(remaining) ? "redis_unavailable" : "allowed");
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

    private String bucketFor(ServerWebExchange exchange, String kind) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null && limiter.getConfig().containsKey(route.getId() + "." + kind)) {
            return route.getId() + "." + kind;
        }
        return kind;
    }

    private void count(String outcome) {
        meters.counter("gateway.rate.limit.requests", "outcome", outcome).increment();
        if ("redis_unavailable".equals(outcome) && log.isDebugEnabled()) {
            log.debug("Rate limiter bypassed: Redis unavailable");
        }
    }

    private static RedisRateLimiter.Config config(RateLimitProperties.Limit limit) {
        return new RedisRateLimiter.Config().setReplenishRate(limit.replenishRate()).setBurstCapacity(limit.burstCapacity());
    }
}
