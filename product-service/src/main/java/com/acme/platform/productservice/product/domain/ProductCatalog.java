package com.acme.platform.productservice.product.domain;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The catalog's use cases; the web layer talks to this, never to the repository. */
@Service
public class ProductCatalog {

    private final ProductRepository repository;

    public ProductCatalog(ProductRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public ProductPage list(Optional<UUID> after, int limit) {
        // One row more than asked tells whether another page exists without a COUNT.
        List<Product> rows = repository.findPageAfter(after, limit + 1);
        boolean more = rows.size() > limit;
        List<Product> items = more ? rows.subList(0, limit) : rows;
        return new ProductPage(List.copyOf(items), more ? PageCursor.encode(items.getLast().id()) : null);
    }
}
