package com.acme.platform.productservice.stock.domain;

import com.acme.platform.productservice.product.domain.ProductCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

/**
 * All-or-nothing, idempotent stock reservation for an order, in one transaction on the primary:
 * <ol>
 * <li>claim the order id ({@code INSERT ... ON CONFLICT DO NOTHING}): a concurrent repeat blocks on the unique
 * index until this transaction ends, then finds the stored outcome and changes nothing;</li>
 * <li>lock the products in id order ({@code FOR UPDATE}, a fixed order so two orders cannot deadlock), check every
 * line fits, and only then decrement them all (one statement);</li>
 * <li>store the outcome with the order id.</li>
 * </ol>
 * Changed products are invalidated in the cache after the commit, like any write. A batch reserves each order in
 * its own transaction (so an order never waits on another's locks longer than its own reservation takes), then
 * invalidates every product the batch changed at once: one script and one wait for the instances' L1
 * acknowledgements per batch instead of one per product and order.
 */
@Service
public class StockReservations {

    /** One order's reservation request. */
    public record Request(UUID orderId, List<ReservationLine> lines) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ProductCatalog catalog;

    public StockReservations(JdbcClient jdbc, PlatformTransactionManager transactions, ProductCatalog catalog) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.catalog = catalog;
    }

    public ReservationOutcome reserve(UUID orderId, List<ReservationLine> lines) {
        return reserveAll(List.of(new Request(orderId, lines))).getFirst();
    }

    /**
     * Reserves each order in turn (each all or nothing, each idempotent by its order id), then invalidates the cache
     * of every product whose stock changed, before answering: a read after the answer never sees the old stock.
     * If one order fails, the orders before it stay reserved and invalidated; a retry of the batch replays them.
     */
    public List<ReservationOutcome> reserveAll(List<Request> requests) {
        Map<UUID, Long> changed = new HashMap<>(); // product -> newest version written by this batch
        List<ReservationOutcome> outcomes = new ArrayList<>(requests.size());
        try {
            for (Request request : requests) {
                outcomes.add(reserveOne(request.orderId(), request.lines(), changed));
            }
        } finally {
            if (!changed.isEmpty()) {
                catalog.invalidateAfterCommit(changed);
            }
        }
        return outcomes;
    }

    private ReservationOutcome reserveOne(UUID orderId, List<ReservationLine> lines, Map<UUID, Long> changed) {
        Map<UUID, Long> written = new HashMap<>();
        ReservationOutcome outcome = transaction.execute(status -> {
            int claimed = jdbc.sql("INSERT INTO stock_reservation (order_id, status) VALUES (:order, 'PENDING') "
                    + "ON CONFLICT (order_id) DO NOTHING").param("order", orderId).update();
            if (claimed == 0) {
                return jdbc.sql("SELECT status, reason FROM stock_reservation WHERE order_id = :order").param("order", orderId)
                        .query((rs, n) -> new ReservationOutcome(orderId, rs.getString("status"), rs.getString("reason"), true))
                        .single();
            }
            Map<UUID, Integer> wanted = new TreeMap<>();
            lines.forEach(line -> wanted.merge(line.productId(), line.quantity(), Integer::sum));
            Map<UUID, Integer> stock = new TreeMap<>();
            jdbc.sql("SELECT id, stock FROM product WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                    .param("ids", List.copyOf(wanted.keySet()))
                    .query((rs, n) -> stock.put(rs.getObject("id", UUID.class), rs.getInt("stock")))
                    .list();
            String refusal = null;
            for (Map.Entry<UUID, Integer> line : wanted.entrySet()) {
                Integer available = stock.get(line.getKey());
                if (available == null) {
                    refusal = "unknown product " + line.getKey();
                    break;
                }
                if (available < line.getValue()) {
                    refusal = "insufficient stock for product " + line.getKey();
                    break;
                }
            }
            if (refusal == null) {
                decrement(wanted, written);
            }
            String result = refusal == null ? ReservationOutcome.RESERVED : ReservationOutcome.REJECTED;
            jdbc.sql("UPDATE stock_reservation SET status = :status, reason = :reason WHERE order_id = :order")
                    .param("status", result).param("reason", refusal).param("order", orderId).update();
            return new ReservationOutcome(orderId, result, refusal, false);
        });
        // Only once committed: a rolled-back reservation changed nothing to invalidate.
        written.forEach((id, version) -> changed.merge(id, version, Math::max));
        return outcome;
    }

    /** Every line in one statement (the rows are locked already); collects each product's new version. */
    private void decrement(Map<UUID, Integer> wanted, Map<UUID, Long> written) {
        StringJoiner values = new StringJoiner(", ");
        List<Map.Entry<UUID, Integer>> lines = List.copyOf(wanted.entrySet());
        for (int i = 0; i < lines.size(); i++) {
            values.add("(CAST(:id" + i + " AS uuid), CAST(:q" + i + " AS integer))");
        }
        JdbcClient.StatementSpec statement = jdbc.sql("UPDATE product p SET stock = p.stock - w.quantity, version = p.version + 1, updated_at = now() "
                + "FROM (VALUES " + values + ") AS w(id, quantity) WHERE p.id = w.id RETURNING p.id, p.version");
        for (int i = 0; i < lines.size(); i++) {
            statement = statement.param("id" + i, lines.get(i).getKey()).param("q" + i, lines.get(i).getValue());
        }
        statement.query(rs -> {
            written.put(rs.getObject(1, UUID.class), rs.getLong(2));
        });
    }
}
