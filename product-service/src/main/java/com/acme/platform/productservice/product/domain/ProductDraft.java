package com.acme.platform.productservice.product.domain;

/** What a create or a full update writes. Validated by the web layer before it gets here. */
public record ProductDraft(String sku, String name, String description, long priceCents, String currency, int stock) {
}
