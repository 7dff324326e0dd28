package com.acme.platform.gateway.error;

import com.acme.platform.gateway.requestid.RequestIdWebFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error the gateway itself produces (no route, bad request, upstream failure) as RFC 9457
 * {@code application/problem+json} with a useful detail and the request id. Replaces Spring Boot's default
 * handler, which answers plain JSON.
 */
@Component
@Order(-2)
public class ProblemDetailsErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsErrorHandler.class);
    /** Retry-After of a 503 that has none of its own (an instance gone; the load balancer's health check drops it). */
    private static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

    private final JsonMapper json;

    public ProblemDetailsErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status = statusFor(error);
        String detail = detailFor(status, error, exchange);
        Object requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
        if (status.is5xxServerError()) {
            // Error handlers run after the request's Reactor chain, outside the context that carries the request
            // id into the MDC: put it there for this line, as every other log line of the request has it.
            try (MDC.MDCCloseable ignored = RequestIdWebFilter.putInMdc(exchange)) {
                log.warn("{} {} failed: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        error.toString());
            }
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (error instanceof ErrorResponse e) {
            e.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        }
        if (status.value() == 503 && !response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
            // Every 503 says when to come back (the contract); a dead instance leaves rotation within one health check.
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }

    private static HttpStatusCode statusFor(Throwable error) {
        if (error instanceof ErrorResponse e) {
            return e.getStatusCode();
        }
        // Nothing listens at the chosen instance (it died before the health check noticed), or it died with the
        // request in flight (connection reset, closed before the response): the service is unavailable, not the
        // gateway broken. A retry is safe where it matters: writes carry an Idempotency-Key.
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {   // ConnectException, PrematureCloseException, connection reset
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String detailFor(HttpStatusCode status, Throwable error, ServerWebExchange exchange) {
        if (error instanceof GatewayProblem problem) {
            return problem.getBody().getDetail();
        }
        if (status.value() == 503 || status.value() == 504) {
            return status.value() == 503
                    ? "The downstream service is unavailable; retry later and quote the request id if it persists"
                    : "The downstream service did not answer in time; quote the request id when reporting it";
        }
        if (status.value() == 404) {
            return "No API route matches " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        }
        if (status.is5xxServerError()) {
            // Never leak internals; the request id finds the log line.
            return "The gateway could not complete the request; quote the request id when reporting it";
        }
        if (error instanceof ErrorResponse e && e.getBody().getDetail() != null) {
            return e.getBody().getDetail();
        }
        return HttpStatus.resolve(status.value()) == null ? "Request failed" : HttpStatus.valueOf(status.value()).getReasonPhrase();
    }
}
