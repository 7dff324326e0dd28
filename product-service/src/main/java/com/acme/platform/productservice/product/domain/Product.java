package com.acme.platform.productservice.product.domain;

import java.time.Instant;
import java.util.UUID;

/** A catalog entry as the contract shows it. {@code version} grows by one on every write (optimistic locking, ETag). */
public record Product(
        UUID id,
        String sku,
        String name,
        String description,
        long priceCents,
        String currency,
        int stock,
        long version,
        Instant updatedAt) {
}
