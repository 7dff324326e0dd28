package com.acme.platform.productservice.product.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A catalog entry as the contract shows it. {@code version} grows by one on every write (optimistic locking, ETag). */
@Schema(description = "A catalog entry")
public record Product(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0b7e5a4e-3c1f-4f7e-9d43-2a1c5e6f7a81") UUID id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "MUG-001") String sku,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Coffee mug") String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Stoneware, 350 ml") String description,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "price in the currency's minor unit", example = "1299") long priceCents,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "ISO 4217 code", example = "EUR") String currency,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "units available to order", example = "42") int stock,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "grows by one on every write; the ETag", example = "3") long version,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "time of the last write (RFC 3339)", example = "2026-11-30T09:15:00Z") Instant updatedAt) {
}
