package com.acme.platform.productservice.product.web;

import com.acme.platform.productservice.product.domain.Product;
import com.acme.platform.productservice.product.domain.ProductCatalog;
import com.acme.platform.support.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Batch lookup for order-service (docs/internal-api.md): never routed by the gateway, always read from the primary. */
@RestController
@RequestMapping("/internal/products")
class InternalProductController {

    static final int MAX_IDS = 100;

    record Items(List<Product> items) {
    }

    private final ProductCatalog catalog;

    InternalProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    Items lookup(@RequestParam(required = false) String ids) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidRequestException("'ids' is required: 1 to " + MAX_IDS + " comma-separated product ids");
        }
        Set<UUID> unique = new LinkedHashSet<>();
        String[] parts = ids.split(",", -1);
        if (parts.length > MAX_IDS) {
            throw new InvalidRequestException("'ids' holds " + parts.length + " ids; at most " + MAX_IDS + " per call");
        }
        for (String part : parts) {
            try {
                unique.add(UUID.fromString(part.trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("'ids' must be comma-separated uuids; '" + part + "' is not one");
            }
        }
        return new Items(catalog.findCurrent(unique));
    }
}
