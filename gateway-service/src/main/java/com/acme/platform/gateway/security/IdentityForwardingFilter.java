package com.acme.platform.gateway.security;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a service learns about the caller: {@code X-Principal} and {@code X-Principal-Roles} from the
 * authentication Spring Security made (docs/internal-api.md), never the {@code X-API-Key}. Client-sent copies of the
 * identity headers are removed first, so nobody can claim to be {@code admin} by sending the header.
 *
 * <p>A header filter of SCG's routing filter, which builds the proxied request's headers anyway: the identity is
 * written into that one copy, instead of mutating the exchange's request (a copy of every header and one more
 * decorator layer on every request). The caller comes from the exchange attribute {@link SecurityConfig} records
 * on successful authentication, not from the Reactor context.
 */
@Component
public class IdentityForwardingFilter implements HttpHeadersFilter, Ordered {

    public static final String PRINCIPAL_HEADER = "X-Principal";
    public static final String ROLES_HEADER = "X-Principal-Roles";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;   // after SCG's own header filters (hop-by-hop, forwarded)
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders forwarded = HttpHeaders.copyOf(input);
        forwarded.remove(SecurityConfig.API_KEY_HEADER);
        forwarded.remove(PRINCIPAL_HEADER);
        forwarded.remove(ROLES_HEADER);
        ApiKeyAuthentication caller = exchange.getAttribute(ApiKeyAuthentication.ATTRIBUTE);
        if (caller != null) {
            forwarded.set(PRINCIPAL_HEADER, caller.getName());
            forwarded.set(ROLES_HEADER, caller.role());
        }
        return forwarded;
    }
}
