package com.acme.platform.orderservice.order.domain;

import java.util.UUID;

/** The reply stored with an idempotency key; {@code replayed} says whether this caller got a stored copy. */
public record StoredReply(int status, String body, UUID orderId, boolean replayed) {
}
