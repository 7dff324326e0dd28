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

/** Idempotent, all-or-nothing stock reservation for order processing, one order or a batch (docs/internal-api.md). */
@RestController
@RequestMapping("/internal/stock-reservations")
class StockReservationController {

    static final int MAX_BATCH = 500;

    record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record ReservationRequest(@NotNull UUID orderId, @NotNull @Size(min = 1, max = 100) List<@Valid @NotNull Line> items) {
    }

    record BatchRequest(@NotNull @Size(min = 1, max = MAX_BATCH) List<@Valid @NotNull ReservationRequest> reservations) {
    }

    /** One order's outcome in a batch answer; {@code replayed} is in the body, as one header cannot speak for each. */
    record BatchItem(UUID orderId, String status, String reason, boolean replayed) {
    }

    record BatchResponse(List<BatchItem> items) {
    }

    private final StockReservations reservations;

    StockReservationController(StockReservations reservations) {
        this.reservations = reservations;
    }

    @PostMapping
    ResponseEntity<ReservationOutcome> reserve(@Valid @RequestBody ReservationRequest request) {
        ReservationOutcome outcome = reservations.reserve(request.orderId(), lines(request));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(outcome);
    }

    /** The same reservation for many orders in one call: one HTTP round trip and one cache invalidation per batch. */
    @PostMapping("/batch")
    BatchResponse reserveAll(@Valid @RequestBody BatchRequest batch) {
        List<ReservationOutcome> outcomes = reservations.reserveAll(batch.reservations().stream()
                .map(r -> new StockReservations.Request(r.orderId(), lines(r))).toList());
        return new BatchResponse(outcomes.stream()
                .map(o -> new BatchItem(o.orderId(), o.status(), o.reason(), o.replayed())).toList());
    }

    private static List<ReservationLine> lines(ReservationRequest request) {
        return request.items().stream().map(l -> new ReservationLine(l.productId(), l.quantity())).toList();
    }
}
