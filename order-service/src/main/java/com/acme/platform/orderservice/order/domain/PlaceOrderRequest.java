package com.acme.platform.orderservice.order.domain;

import java.util.List;
import java.util.UUID;

/** The body of {@code POST /api/orders}. */
public record PlaceOrderRequest(String customerId, List<Line> items) {

    public record Line(UUID productId, Integer quantity) {
    }
}
