package com.acme.platform.workerservice.faults;

/** A deliberate, retryable failure switched on through {@code PUT /api/admin/faults}. */
public class InjectedFailureException extends RuntimeException {

    public InjectedFailureException(String message) {
        super(message);
    }
}
