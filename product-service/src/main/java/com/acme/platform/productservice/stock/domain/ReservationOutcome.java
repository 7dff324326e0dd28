package com.acme.platform.productservice.stock.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/** The stored, replayable answer to a reservation. {@code replayed} is not part of the body (it is a header). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReservationOutcome(UUID orderId, String status, String reason, @com.fasterxml.jackson.annotation.JsonIgnore boolean replayed) {

    public static final String RESERVED = "RESERVED";
    public static final String REJECTED = "REJECTED";
}
