package com.acme.platform.orderservice.order.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/** SQL for the orders and order_item tables. */
@Repository
class OrderRepository {

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order and all its lines in one statement: one round trip however many lines. */
    void insert(Order order) {
        StringJoiner lines = new StringJoiner(", ");
        for (int i = 0; i < order.items().size(); i++) {
            lines.add("(:id, :p" + i + ", :q" + i + ", :u" + i + ")");
        }
        JdbcClient.StatementSpec statement = jdbc.sql("""
                        WITH head AS (
                            INSERT INTO orders (id, customer_id, status, total_cents, currency, created_at, updated_at)
                            VALUES (:id, :customer, :status, :total, :currency, :created, :updated))
                        INSERT INTO order_item (order_id, product_id, quantity, unit_price_cents) VALUES """ + lines)
                .param("id", order.id()).param("customer", order.customerId()).param("status", order.status().name())
                .param("total", order.totalCents()).param("currency", order.currency())
                .param("created", Timestamp.from(order.createdAt())).param("updated", Timestamp.from(order.updatedAt()));
        for (int i = 0; i < order.items().size(); i++) {
            Order.Line line = order.items().get(i);
            statement = statement.param("p" + i, line.productId()).param("q" + i, line.quantity())
                    .param("u" + i, line.unitPriceCents());
        }
        statement.update();
    }

    Optional<Order> find(UUID id) {
        return load(jdbc.sql("SELECT * FROM orders WHERE id = :id").param("id", id)).stream().findFirst();
    }

    /** Keyset page of a customer's orders ordered by id; {@code after} is the last id of the previous page. */
    List<Order> findByCustomer(String customerId, Optional<UUID> after, int limit) {
        if (after.isEmpty()) {
            return load(jdbc.sql("SELECT * FROM orders WHERE customer_id = :c ORDER BY id LIMIT :n")
                    .param("c", customerId).param("n", limit));
        }
        return load(jdbc.sql("SELECT * FROM orders WHERE customer_id = :c AND id > :after ORDER BY id LIMIT :n")
                .param("c", customerId).param("after", after.get()).param("n", limit));
    }

    /**
     * PENDING -> CONFIRMED|REJECTED once, for many orders in one statement; returns the orders it moved. A
     * redelivered status event finds its order already moved and changes nothing.
     */
    Set<UUID> completePending(Map<UUID, OrderStatus> statuses) {
        Set<UUID> moved = new HashSet<>();
        if (statuses.isEmpty()) {
            return moved;
        }
        jdbc.sql("""
                        UPDATE orders o SET status = v.status, updated_at = now()
                        FROM (VALUES :rows) AS v(id, status)
                        WHERE o.id = CAST(v.id AS uuid) AND o.status = 'PENDING' RETURNING o.id""")
                .param("rows", statuses.entrySet().stream().map(e -> new Object[]{e.getKey(), e.getValue().name()}).toList())
                .query(rs -> {
                    moved.add(rs.getObject(1, UUID.class));
                });
        return moved;
    }

    private List<Order> load(JdbcClient.StatementSpec statement) {
        record Head(UUID id, String customerId, OrderStatus status, long total, String currency,
                    java.time.Instant created, java.time.Instant updated) {
        }
        List<Head> heads = statement.query((rs, n) -> new Head(rs.getObject("id", UUID.class), rs.getString("customer_id"),
                OrderStatus.valueOf(rs.getString("status")), rs.getLong("total_cents"), rs.getString("currency"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant())).list();
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Order.Line>> lines = new LinkedHashMap<>();
        jdbc.sql("SELECT order_id, product_id, quantity, unit_price_cents FROM order_item WHERE order_id IN (:ids) ORDER BY product_id")
                .param("ids", heads.stream().map(Head::id).toList())
                .query(rs -> {
                    lines.computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>())
                            .add(new Order.Line(rs.getObject("product_id", UUID.class), rs.getInt("quantity"),
                                    rs.getLong("unit_price_cents")));
                });
        return heads.stream().map(h -> new Order(h.id(), h.customerId(), h.status(),
                lines.getOrDefault(h.id(), List.of()), h.total(), h.currency(), h.created(), h.updated())).toList();
    }
}
