package com.acme.platform.orderservice.order.domain;

import java.util.UUID;

public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(UUID id) {
        super("no order with id " + id);
    }
}
