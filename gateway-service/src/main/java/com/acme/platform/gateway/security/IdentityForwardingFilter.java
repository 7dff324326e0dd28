package com.acme.platform.gateway.security;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a service learns about the caller: its access token, nothing else. A bearer token the gateway accepted is
 * relayed as sent (SCG copies the request's headers); an API-key caller gets its client's token instead of the key
 * ({@link ApiKeyTokens}, recorded by {@link SecurityConfig} on authentication). Client-sent {@code X-Principal*}
 * headers are dropped: no service reads them, and none should ever learn to.
 *
 * <p>A header filter of SCG's routing filter, which builds the proxied request's headers anyway: the token is
 * written into that one copy instead of mutating the exchange's request.
 */
@Component
public class IdentityForwardingFilter implements HttpHeadersFilter, Ordered {

    /** Exchange attribute: the access token to relay for an API-key caller. */
    public static final String RELAYED_TOKEN = IdentityForwardingFilter.class.getName() + ".token";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;   // after SCG's own header filters (hop-by-hop, forwarded)
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders forwarded = HttpHeaders.copyOf(input);
        forwarded.remove(SecurityConfig.API_KEY_HEADER);
        forwarded.remove("X-Principal");
        forwarded.remove("X-Principal-Roles");
        String token = exchange.getAttribute(RELAYED_TOKEN);
        if (token != null) {
            forwarded.setBearerAuth(token);
        }
        return forwarded;
    }
}
