package com.acme.platform.productservice.stock.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/** SQL for the stock_reservation table: one row per order id, the stored outcome of its reservation. */
@Repository
class StockReservationRepository {

    private final JdbcClient jdbc;

    StockReservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the order id; a concurrent claim of the same id blocks on the unique index until the first transaction
     * ends. Empty when the id was claimed before: then the stored outcome.
     */
    Optional<ReservationOutcome> claim(UUID orderId) {
        int claimed = jdbc.sql("INSERT INTO stock_reservation (order_id, status) VALUES (:order, 'PENDING') "
                + "ON CONFLICT (order_id) DO NOTHING").param("order", orderId).update();
        if (claimed == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT status, reason FROM stock_reservation WHERE order_id = :order")
                .param("order", orderId)
                .query((rs, n) -> new ReservationOutcome(orderId, rs.getString("status"), rs.getString("reason"), true))
                .single());
    }

    void store(ReservationOutcome outcome) {
        jdbc.sql("UPDATE stock_reservation SET status = :status, reason = :reason WHERE order_id = :order")
                .param("status", outcome.status()).param("reason", outcome.reason()).param("order", outcome.orderId())
                .update();
    }
}
