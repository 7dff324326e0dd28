package com.acme.platform.orderservice.clients.product;

/** product-service could not answer (down, timing out, or the circuit breaker is open): answered as 503. */
public class ProductServiceUnavailableException extends RuntimeException {

    public ProductServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
