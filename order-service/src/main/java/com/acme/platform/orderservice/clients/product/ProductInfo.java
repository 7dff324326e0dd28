package com.acme.platform.orderservice.clients.product;

import java.util.UUID;

/** The part of product-service's Product that an order needs: existence, price and currency at order time. */
public record ProductInfo(UUID id, long priceCents, String currency) {
}
