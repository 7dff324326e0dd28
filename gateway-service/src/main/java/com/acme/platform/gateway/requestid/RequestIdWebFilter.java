package com.acme.platform.gateway.requestid;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id} (the client's, if it sent a well-formed one), forwards it to the
 * services ({@link RequestIdHeaderFilter}) and echoes it on the response. Ordered first, ahead of Spring Security and routing, so that 401, 404
 * and 429 answers carry it too; the header is set again just before commit because error handlers may rebuild
 * the response.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";
    /** MDC key of the request id, as in the services' log pattern ({@code logging.pattern.correlation}). */
    public static final String MDC_KEY = RequestThreadLocals.MDC_KEY;

    static {
        RequestThreadLocals.install();
    }
    /** Client ids end up in logs and headers of every service: accept only a safe, bounded shape. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /**
     * Puts the exchange's request id into the MDC for a log line written outside the request's Reactor chain (when
     * the response commits, in an error handler), where the context does not carry it.
     */
    public static MDC.MDCCloseable putInMdc(ServerWebExchange exchange) {
        return MDC.putCloseable(MDC_KEY, String.valueOf((Object) exchange.getAttribute(ATTRIBUTE)));
    }

    /** The id the client sent if it has a safe shape, else a new one. */
    public static String acceptOrCreate(String sent) {
        return sent != null && SAFE_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = acceptOrCreate(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        // The id rides in the Reactor context; RequestThreadLocals puts it (and the trace) into the MDC of the
        // threads that work on the request. RequestIdHeaderFilter forwards it to the service.
        return RequestThreadLocals.around(chain.filter(exchange)).contextWrite(Context.of(MDC_KEY, id));
    }
}
