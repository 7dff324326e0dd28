package com.acme.platform.orderservice.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it (contract: Orders). Unit prices are copied from the catalog at order time. */
public record Order(UUID id, String customerId, OrderStatus status, List<Line> items, long totalCents,
                    String currency, Instant createdAt, Instant updatedAt) {

    public record Line(UUID productId, int quantity, long unitPriceCents) {
    }
}
