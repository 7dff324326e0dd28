package com.acme.platform.support.http;

import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * The failures of a call to another service that may go away on another instance or a moment later: I/O errors
 * (refused, reset, timed out) and 5xx answers. 4xx answers will not, so they neither open a breaker nor are retried.
 * Named in YAML: {@code resilience4j.circuitbreaker.instances.<name>.record-failure-predicate} and
 * {@code resilience4j.retry.instances.<name>.retry-exception-predicate}.
 */
public class TransientHttpFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable e) {
        return isTransient(e);
    }

    public static boolean isTransient(Throwable e) {
        if (e instanceof ResourceAccessException || e instanceof HttpServerErrorException) {
            return true;
        }
        // An I/O error anywhere below, e.g. the connection closing or timing out while the body is being read (Jackson
        // wraps it in its own exception first): the answer never arrived whole, another attempt may get it.
        if (e instanceof RestClientException) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IOException) {
                    return true;
                }
            }
        }
        return false;
    }
}
