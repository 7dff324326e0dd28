package com.acme.platform.productservice.product.domain;

/** The result of a write and the primary's WAL position after its commit (the consistency token). */
public record Written<T>(T value, long position) {
}
