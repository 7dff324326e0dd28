package com.acme.platform.workerservice.notifications.domain;

import java.time.Instant;
import java.util.UUID;

/** A simulated e-mail to the customer about their order. */
public record Notification(UUID id, UUID orderId, String customerId, String channel, String subject, String message,
                           Instant createdAt) {
}
