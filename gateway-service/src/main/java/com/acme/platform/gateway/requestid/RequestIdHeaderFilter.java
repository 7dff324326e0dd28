package com.acme.platform.gateway.requestid;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Forwards the request id ({@link RequestIdWebFilter}) to the service: written into the proxied request's headers,
 * which SCG's routing filter builds anyway, rather than into a mutated copy of the exchange's request.
 */
@Component
public class RequestIdHeaderFilter implements HttpHeadersFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;   // after SCG's own header filters (hop-by-hop, forwarded)
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String id = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
        if (id == null || id.equals(input.getFirst(RequestIdWebFilter.HEADER))) {
            return input;
        }
        HttpHeaders forwarded = HttpHeaders.copyOf(input);
        forwarded.set(RequestIdWebFilter.HEADER, id);
        return forwarded;
    }
}
