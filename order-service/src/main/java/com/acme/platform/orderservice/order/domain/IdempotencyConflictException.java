package com.acme.platform.orderservice.order.domain;

/** Another request with the same key is still being processed and its reply is not stored yet: 409 + Retry-After. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String detail) {
        super(detail);
    }
}
