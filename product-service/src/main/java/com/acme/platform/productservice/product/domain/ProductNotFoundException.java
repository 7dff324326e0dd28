package com.acme.platform.productservice.product.domain;

import com.acme.platform.cache.CacheOutcome;

import java.util.Optional;
import java.util.UUID;

public class ProductNotFoundException extends RuntimeException {

    private final transient CacheOutcome outcome;

    public ProductNotFoundException(UUID id) {
        this(id, null);
    }

    /** @param outcome where the "not found" came from (a cached negative entry is a HIT), for {@code X-Cache} */
    public ProductNotFoundException(UUID id, CacheOutcome outcome) {
        super("no product with id " + id);
        this.outcome = outcome;
    }

    public Optional<CacheOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }
}
