package com.acme.platform.productservice.product.domain;

import java.util.UUID;

/** If-Match named a version that is no longer current: someone else wrote in between. */
public class VersionMismatchException extends RuntimeException {

    public VersionMismatchException(UUID id, long expected, long current) {
        super("product " + id + " is at version " + current + ", not " + expected + ": read it again and retry");
    }
}
