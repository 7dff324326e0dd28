package com.acme.platform.productservice.product.web;

import com.acme.platform.productservice.product.domain.PageCursor;
import com.acme.platform.productservice.product.domain.ProductCatalog;
import com.acme.platform.productservice.product.domain.ProductPage;
import com.acme.platform.support.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
class ProductController {

    static final int MAX_LIMIT = 1000;

    private final ProductCatalog catalog;

    ProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    ProductPage list(@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            // The contract: out-of-range limits are rejected, never clamped silently.
            throw new InvalidRequestException("'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return catalog.list(PageCursor.decode(cursor), limit);
    }
}
