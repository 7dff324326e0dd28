package com.acme.platform.support.http;

/**
 * Another service could not answer (down, timing out, answering 5xx, or its circuit breaker is open) after the
 * retries its Resilience4j instance allows. A service answers it as 503 with Retry-After; a Kafka listener lets it
 * fail the record, which the dead-letter handler retries.
 */
public class DownstreamUnavailableException extends RuntimeException {

    private final String service;

    public DownstreamUnavailableException(String service, Throwable cause) {
        super(service + " is unavailable: " + cause.getMessage(), cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
