package com.acme.platform.gateway.security;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts a request Spring Security refused (401) against its address, so guessing keys or tokens is rate limited;
 * completes empty within the limit, with the 429 problem over it. The rate limiter implements it
 * (ratelimit/RateLimitFilter); declared here so security does not depend on the rate-limit package.
 */
public interface RefusedRequestLimiter {

    Mono<Void> countRefused(ServerWebExchange exchange);
}
