package com.acme.platform.gateway.ratelimit;

import com.acme.platform.gateway.security.ClientKey;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The rate-limit key: see {@link ClientKey}. Always emits a value. */
@Component
public class PrincipalOrAddressKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return Mono.just(ClientKey.from(exchange).value());
    }
}
