package com.acme.platform.orderservice.order.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /api/orders}, checked with Bean Validation before it reaches {@link OrderService}. Bounds
 * mirror the tables' checks, so nothing the API accepts fails in the database.
 */
public record PlaceOrderRequest(@NotBlank @Size(max = 100) String customerId,
                                @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> items) {

    public record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }
}
