package com.acme.platform.gateway.security;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * What a service learns about the caller: {@code X-Principal} and {@code X-Principal-Roles} from the
 * authentication Spring Security made (docs/internal-api.md), never the {@code X-API-Key}. Client-sent copies of the
 * identity headers are removed first, so nobody can claim to be {@code admin} by sending the header. Also records
 * the caller's {@link ClientKey} for rate limiting and sticky balancing.
 */
@Component
public class IdentityForwardingFilter implements GlobalFilter, Ordered {

    public static final String PRINCIPAL_HEADER = "X-Principal";
    public static final String ROLES_HEADER = "X-Principal-Roles";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(ApiKeyAuthentication.class::isInstance)
                .cast(ApiKeyAuthentication.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> {
                    exchange.getAttributes().put(ClientKey.ATTRIBUTE, ClientKey.of(caller.orElse(null), exchange));
                    ServerWebExchange forwarded = exchange.mutate().request(request -> request.headers(headers -> {
                        headers.remove(SecurityConfig.API_KEY_HEADER);
                        headers.remove(PRINCIPAL_HEADER);
                        headers.remove(ROLES_HEADER);
                        caller.ifPresent(c -> {
                            headers.set(PRINCIPAL_HEADER, c.getName());
                            headers.set(ROLES_HEADER, c.role());
                        });
                    })).build();
                    return chain.filter(forwarded);
                });
    }
}
