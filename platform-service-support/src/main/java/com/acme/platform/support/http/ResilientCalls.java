package com.acme.platform.support.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

import java.util.function.Supplier;

/**
 * Runs a call to another service through the Resilience4j circuit breaker and retry of the same name, configured
 * as YAML instances ({@code resilience4j.circuitbreaker.instances.<service>}, {@code resilience4j.retry.instances.<service>})
 * and published as {@code resilience4j_*} meters by the starter. The breaker wraps the retry: with round robin a
 * retried attempt goes to the next instance, and the breaker judges the service by the outcome after the retries.
 * So one dead instance of two costs a call one refused connect and the breaker stays closed (had every attempt
 * counted, half the attempts would fail and the breaker would turn the healthy instance's answers away too); when
 * every instance fails, calls fail after their attempts, then at once while the breaker is open.
 */
public class ResilientCalls {

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;

    public ResilientCalls(CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this.breakers = breakers;
        this.retries = retries;
    }

    /**
     * The call's result; a transient failure that outlived the retries, or an open breaker, is thrown as
     * {@link DownstreamUnavailableException}, anything else (a 4xx answer) as it is.
     */
    public <T> T call(String service, Supplier<T> call) {
        try {
            return CircuitBreaker.decorateSupplier(breakers.circuitBreaker(service),
                    Retry.decorateSupplier(retries.retry(service), call)).get();
        } catch (CallNotPermittedException e) {
            throw new DownstreamUnavailableException(service, e);
        } catch (RuntimeException e) {
            if (TransientHttpFailure.isTransient(e)) {
                throw new DownstreamUnavailableException(service, e);
            }
            throw e;
        }
    }
}
