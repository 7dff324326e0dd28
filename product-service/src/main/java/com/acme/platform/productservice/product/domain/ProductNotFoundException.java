package com.acme.platform.productservice.product.domain;

import java.util.UUID;

public class ProductNotFoundException extends RuntimeException {

    public ProductNotFoundException(UUID id) {
        super("no product with id " + id);
    }
}
