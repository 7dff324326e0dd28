package com.acme.platform.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Map;

/**
 * Token-bucket limits (SCG's {@code RedisRateLimiter}): one bucket per authenticated principal, one per client
 * address for anonymous callers. {@code routes} gives a route (by id) its own limits and its own buckets;
 * routes not listed share the default buckets, so "100 req/s per key" holds across the whole API.
 */
@Validated
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(@Valid @NotNull Limit authenticated, @Valid @NotNull Limit anonymous,
                                  Map<String, @Valid RouteLimits> routes) {

    public RateLimitProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    /** {@code replenishRate} tokens per second, up to {@code burstCapacity} saved up; one token per request. */
    public record Limit(@Min(1) int replenishRate, @Min(1) int burstCapacity) {
    }

    public record RouteLimits(@Valid Limit authenticated, @Valid Limit anonymous) {
    }
}
