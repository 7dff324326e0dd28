package com.acme.platform.productservice.stock.domain;

import com.acme.platform.productservice.product.domain.Product;
import com.acme.platform.productservice.product.domain.ProductCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * All-or-nothing, idempotent stock reservation for an order, in one transaction on the primary:
 * <ol>
 * <li>claim the order id ({@code INSERT ... ON CONFLICT DO NOTHING}): a concurrent repeat blocks on the unique
 * index until this transaction ends, then finds the stored outcome and changes nothing;</li>
 * <li>lock the products in id order ({@code FOR UPDATE}, a fixed order so two orders cannot deadlock), check every
 * line fits, and only then decrement them all;</li>
 * <li>store the outcome with the order id.</li>
 * </ol>
 * Changed products are invalidated in the cache after the commit, like any write.
 */
@Service
public class StockReservations {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ProductCatalog catalog;

    public StockReservations(JdbcClient jdbc, PlatformTransactionManager transactions, ProductCatalog catalog) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.catalog = catalog;
    }

    public ReservationOutcome reserve(UUID orderId, List<ReservationLine> lines) {
        List<Product> changed = new ArrayList<>();
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
                wanted.forEach((productId, quantity) -> changed.add(jdbc.sql(
                                "UPDATE product SET stock = stock - :quantity, version = version + 1, updated_at = now() "
                                        + "WHERE id = :id RETURNING id, sku, name, description, price_cents, currency, stock, version, updated_at")
                        .param("quantity", quantity).param("id", productId)
                        .query((rs, n) -> new Product(rs.getObject("id", UUID.class), rs.getString("sku"), rs.getString("name"),
                                rs.getString("description"), rs.getLong("price_cents"), rs.getString("currency"),
                                rs.getInt("stock"), rs.getLong("version"), rs.getTimestamp("updated_at").toInstant()))
                        .single()));
            }
            String result = refusal == null ? ReservationOutcome.RESERVED : ReservationOutcome.REJECTED;
            jdbc.sql("UPDATE stock_reservation SET status = :status, reason = :reason WHERE order_id = :order")
                    .param("status", result).param("reason", refusal).param("order", orderId).update();
            return new ReservationOutcome(orderId, result, refusal, false);
        });
        if (!changed.isEmpty()) {
            catalog.invalidateAfterCommit(changed);
        }
        return outcome;
    }
}
