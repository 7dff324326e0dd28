package com.acme.platform.productservice.stock.web;

import com.acme.platform.productservice.stock.domain.ReservationLine;
import com.acme.platform.productservice.stock.domain.ReservationOutcome;
import com.acme.platform.productservice.stock.domain.StockReservations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Idempotent, all-or-nothing stock reservation for order processing (docs/internal-api.md). */
@RestController
@RequestMapping("/internal/stock-reservations")
class StockReservationController {

    record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record ReservationRequest(@NotNull UUID orderId, @NotNull @Size(min = 1, max = 100) List<@Valid @NotNull Line> items) {
    }

    private final StockReservations reservations;

    StockReservationController(StockReservations reservations) {
        this.reservations = reservations;
    }

    @PostMapping
    ResponseEntity<ReservationOutcome> reserve(@Valid @RequestBody ReservationRequest request) {
        ReservationOutcome outcome = reservations.reserve(request.orderId(),
                request.items().stream().map(l -> new ReservationLine(l.productId(), l.quantity())).toList());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(outcome);
    }
}
