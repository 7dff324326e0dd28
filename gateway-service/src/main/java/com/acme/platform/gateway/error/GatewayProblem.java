package com.acme.platform.gateway.error;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;

/**
 * An error the gateway answers itself (rejected path, rate limit, bulkhead full, breaker open), rendered by
 * {@link ProblemDetailsErrorHandler} as problem+json; the headers (e.g. {@code Retry-After}) go on the response.
 */
public class GatewayProblem extends ResponseStatusException {

    private final HttpHeaders headers = new HttpHeaders();

    public GatewayProblem(HttpStatus status, String detail) {
        super(status, detail);
        getBody().setDetail(detail);
    }

    /** {@code Retry-After} in whole seconds, at least 1 (the header carries no fractions). */
    public GatewayProblem retryAfter(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return this;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
