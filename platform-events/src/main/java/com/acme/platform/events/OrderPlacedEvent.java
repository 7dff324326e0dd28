package com.acme.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The contract's OrderPlaced event on topic {@code orders}, key = order id, written by order-service's outbox and
 * read by every group of worker-service. The JSON field names are the record's component names.
 */
public record OrderPlacedEvent(UUID eventId, String type, Instant occurredAt, UUID orderId, String customerId,
                               List<Line> items, long totalCents, String currency) implements CheckedEvent {

    public static final String TYPE = "OrderPlaced";

    public record Line(UUID productId, int quantity, long unitPriceCents) {
    }

    /** A new event (new id) for an order placed at {@code placedAt}. */
    public static OrderPlacedEvent of(UUID orderId, String customerId, List<Line> items, long totalCents,
                                      String currency, Instant placedAt) {
        return new OrderPlacedEvent(UUID.randomUUID(), TYPE, placedAt, orderId, customerId, items, totalCents, currency);
    }

    @Override
    public void check() {
        if (eventId == null || orderId == null || customerId == null || items == null || items.isEmpty()) {
            throw new InvalidEventException("OrderPlaced event without eventId, orderId, customerId or items");
        }
        if (!TYPE.equals(type)) {
            throw new InvalidEventException("unexpected event type " + type + " on topic " + Topics.ORDERS);
        }
        for (Line line : items) {
            if (line == null || line.productId() == null || line.quantity() < 1) {
                throw new InvalidEventException("OrderPlaced event with an invalid line");
            }
        }
    }
}
