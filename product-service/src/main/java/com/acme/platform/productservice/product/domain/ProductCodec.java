package com.acme.platform.productservice.product.domain;

import com.acme.platform.cache.CacheCodec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Products in Redis as JSON; the fence compares {@link Product#version()}. */
@Component
public class ProductCodec implements CacheCodec<Product> {

    private final JsonMapper json;

    public ProductCodec(JsonMapper json) {
        this.json = json;
    }

    @Override
    public byte[] encode(Product value) {
        return json.writeValueAsBytes(value);
    }

    @Override
    public Product decode(byte[] bytes) {
        return json.readValue(bytes, Product.class);
    }

    @Override
    public long version(Product value) {
        return value.version();
    }
}
