package com.acme.platform.gateway.requestid;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One log line per request the gateway answers with 4xx or 5xx (401, 404, 413, 429, 503...), so an operator can
 * find out why a client's request was refused by its {@code X-Request-Id}. Successful requests are not logged here:
 * on the hot path a line per request costs throughput, and the metrics count them.
 *
 * <p>The line is written when the response commits, which may happen in an error handler outside this filter's
 * Reactor chain, so the request id is put into the MDC explicitly for it ({@link RequestIdWebFilter#putInMdc}).
 */
@Component
public class RejectedRequestLogFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequestLogFilter.class);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the request id is assigned
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null && (status.is4xxClientError() || status.is5xxServerError())) {
                try (MDC.MDCCloseable ignored = RequestIdWebFilter.putInMdc(exchange)) {
                    log.info("{} {} -> {} in {} ms", exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath().value(), status.value(),
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
