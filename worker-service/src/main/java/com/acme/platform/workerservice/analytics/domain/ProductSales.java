package com.acme.platform.workerservice.analytics.domain;

import java.util.UUID;

/** Units sold and revenue of one product, as {@code GET /api/analytics/top-products} lists them. */
public record ProductSales(UUID productId, long unitsSold, long revenueCents) {
}
