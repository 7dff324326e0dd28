package com.acme.platform.orderservice.events;

import com.acme.platform.orderservice.order.domain.Order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's OrderPlaced event on topic {@code orders}, key = order id. */
public record OrderPlacedEvent(UUID eventId, String type, Instant occurredAt, UUID orderId, String customerId,
                               List<Order.Line> items, long totalCents, String currency) {

    public static final String TOPIC = "orders";

    public static OrderPlacedEvent of(Order order) {
        return new OrderPlacedEvent(UUID.randomUUID(), "OrderPlaced", order.createdAt(), order.id(), order.customerId(),
                order.items(), order.totalCents(), order.currency());
    }
}
