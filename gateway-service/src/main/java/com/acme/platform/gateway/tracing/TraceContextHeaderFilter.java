package com.acme.platform.gateway.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes the trace on to the service: writes the W3C {@code traceparent} of the gateway's own server span (the
 * request's observation) into the proxied request's headers, so the service's spans are its children and the
 * service's log lines carry the same trace id as the gateway's.
 *
 * <p>Why not SCG's client observation ({@code spring.cloud.gateway.server.webflux.observability}, off in
 * application.yml), which propagates through a child span of its own per proxied request: that second observation
 * (a span, a timer, a long-task timer, their tags, scope changes) cost ~64 us of CPU per request, about 14 % of the
 * gateway's total in the benchmark (docs/benchmarks.md), for a span that lasts as long as the server span around
 * it. The service's server span still shows the time spent behind the gateway, and
 * {@code spring_cloud_gateway_requests_seconds} (SCG's metrics filter) still times every proxied request by route.
 */
@Component
public class TraceContextHeaderFilter implements HttpHeadersFilter, Ordered {

    private final Propagator propagator;

    public TraceContextHeaderFilter(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;   // after SCG's own header filters (hop-by-hop, forwarded)
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Span span = serverSpan(exchange);
        if (span == null) {
            return input;   // no observation (tracing off): the headers go on as the client sent them
        }
        HttpHeaders forwarded = HttpHeaders.copyOf(input);
        // Replaces a traceparent the client sent: the gateway's span (itself the client's span's child) is the
        // parent the service must see.
        propagator.inject(span.context(), forwarded, HttpHeaders::set);
        return forwarded;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    private static Span serverSpan(ServerWebExchange exchange) {
        ServerRequestObservationContext request = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .orElse(null);
        TracingContext tracing = request != null ? request.get(TracingContext.class) : null;
        return tracing != null ? tracing.getSpan() : null;
    }
}
