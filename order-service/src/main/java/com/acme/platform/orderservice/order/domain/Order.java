package com.acme.platform.orderservice.order.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it (contract: Orders). Unit prices are copied from the catalog at order time. */
@Schema(description = "An order; its status moves from PENDING to CONFIRMED or REJECTED once stock is reserved or refused")
public record Order(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "5d0c1f8e-2b6a-4f0e-8c3d-7a9b1e2f3c4d") UUID id,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "customer-42") String customerId,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "PENDING") OrderStatus status,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Line> items,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "sum of quantity x unitPriceCents", example = "2598") long totalCents,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "ISO 4217 code", example = "EUR") String currency,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-11-30T09:15:00Z") Instant createdAt,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-11-30T09:15:01Z") Instant updatedAt) {

    @Schema(name = "OrderLine", description = "A line of an order, priced when the order was placed")
    public record Line(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0b7e5a4e-3c1f-4f7e-9d43-2a1c5e6f7a81") UUID productId,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2") int quantity,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the catalog price when the order was placed", example = "1299") long unitPriceCents) {
    }
}
