package com.acme.platform.orderservice.events;

import java.time.Instant;
import java.util.UUID;

/** OrderConfirmed / OrderRejected on topic {@code order-status}, published by worker-service's fulfillment group. */
public record OrderStatusEvent(UUID eventId, String type, Instant occurredAt, UUID orderId, String reason) {
}
