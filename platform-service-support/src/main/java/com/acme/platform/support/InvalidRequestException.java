package com.acme.platform.support;

/** A request the client must change before retrying; answered as 400 problem+json with the message as detail. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String detail) {
        super(detail);
    }
}
