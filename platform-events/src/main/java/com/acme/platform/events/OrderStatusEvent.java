package com.acme.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * OrderConfirmed / OrderRejected on topic {@code order-status}, key = order id: published by worker-service's
 * fulfillment group, consumed by order-service. {@code reason} is only present on a rejection.
 */
public record OrderStatusEvent(UUID eventId, String type, Instant occurredAt, UUID orderId,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String reason) implements CheckedEvent {

    public static final String CONFIRMED = "OrderConfirmed";
    public static final String REJECTED = "OrderRejected";

    public static OrderStatusEvent confirmed(UUID orderId) {
        return new OrderStatusEvent(idFor(orderId), CONFIRMED, Instant.now(), orderId, null);
    }

    public static OrderStatusEvent rejected(UUID orderId, String reason) {
        return new OrderStatusEvent(idFor(orderId), REJECTED, Instant.now(), orderId, reason);
    }

    /**
     * Derived from the order id, not random: fulfillment may publish the status of an order twice (a crash before
     * it recorded the first), and both copies then carry the same id.
     */
    private static UUID idFor(UUID orderId) {
        return UUID.nameUUIDFromBytes(("order-status:" + orderId).getBytes(StandardCharsets.UTF_8));
    }

    public boolean isConfirmed() {
        return CONFIRMED.equals(type);
    }

    @Override
    public void check() {
        if (orderId == null || type == null) {
            throw new InvalidEventException("order-status event without orderId or type");
        }
        if (!CONFIRMED.equals(type) && !REJECTED.equals(type)) {
            throw new InvalidEventException("unknown order-status event type " + type);
        }
    }
}
