package com.acme.platform.productservice.product.domain;

import com.acme.platform.cache.CacheOutcome;

/** A single product as read through the cache, with where it came from ({@code X-Cache}). */
public record ProductRead(Product product, CacheOutcome outcome) {
}
