package com.acme.platform.orderservice.order.domain;

/** A well-formed request that cannot be honoured (unknown products, a reused idempotency key): 422. */
public class UnprocessableOrderException extends RuntimeException {

    public UnprocessableOrderException(String detail) {
        super(detail);
    }
}
