package com.acme.platform.workerservice.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's OrderPlaced event on topic {@code orders}. */
public record OrderPlacedEvent(UUID eventId, String type, Instant occurredAt, UUID orderId, String customerId,
                               List<Line> items, long totalCents, String currency) {

    public record Line(UUID productId, int quantity, long unitPriceCents) {
    }
}
