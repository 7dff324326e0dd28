package com.acme.platform.orderservice.order.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /api/orders}, checked with Bean Validation before it reaches {@link OrderService}. Bounds
 * mirror the tables' checks, so nothing the API accepts fails in the database.
 */
@Schema(description = "An order to place: products and quantities; prices come from the catalog")
public record PlaceOrderRequest(@Schema(example = "customer-42", description = """
                                        Whose order it is. A customer's token places orders as the customer: leave it \
                                        out (or send the token's own subject). Required for admins and for clients \
                                        granted orders:any-customer.""") @Size(min = 1, max = 100) String customerId,
                                @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> items) {

    /** The same order for this customer (the caller's own id, when the body left it out). */
    public PlaceOrderRequest forCustomer(String customer) {
        return new PlaceOrderRequest(customer, items);
    }

    @Schema(name = "PlaceOrderLine")
    public record Line(@Schema(example = "0b7e5a4e-3c1f-4f7e-9d43-2a1c5e6f7a81") @NotNull UUID productId,
                       @Schema(example = "2") @NotNull @Min(1) @Max(1000) Integer quantity) {
    }
}
