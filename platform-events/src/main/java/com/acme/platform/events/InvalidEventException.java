package com.acme.platform.events;

/** An event that can never be processed (unparseable, missing fields): dead-lettered at once, without retries. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidEventException(String message) {
        super(message);
    }
}
