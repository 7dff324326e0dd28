package com.acme.platform.productservice.product.web;

import io.swagger.v3.oas.annotations.media.Schema;
import com.acme.platform.productservice.product.domain.ProductDraft;
import com.acme.platform.support.InvalidRequestException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** Body of POST and PUT. Bounds mirror the table's checks so nothing the API accepts fails in the database. */
@Schema(name = "ProductRequest", description = "A product's fields, for POST and PUT")
record ProductRequest(
        @Schema(description = "unique across the catalog", example = "MUG-001")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must contain only letters, digits, '.', '_' or '-'") String sku,
        @Schema(example = "Coffee mug") @NotBlank @Size(max = 200) String name,
        @Schema(description = "empty when omitted", example = "Stoneware, 350 ml") @Size(max = 2000) String description,
        @Schema(description = "price in the currency's minor unit", example = "1299") @NotNull @PositiveOrZero Long priceCents,
        @Schema(description = "ISO 4217 code", example = "EUR") @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code like EUR") String currency,
        @Schema(description = "units available to order", example = "42") @NotNull @PositiveOrZero Integer stock) {

    private static final Set<String> ISO_4217 = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    ProductDraft toDraft() {
        if (!ISO_4217.contains(currency)) {
            throw new InvalidRequestException("'currency' must be an ISO 4217 code, got '" + currency + "'");
        }
        return new ProductDraft(sku, name, description == null ? "" : description, priceCents, currency, stock);
    }
}
