package com.acme.platform.productservice.product.domain;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * SQL for the product table, its only owner (stock reservations change stock through here too). Which server a read
 * runs on is decided by the caller's transaction (see ReadRouter).
 */
@Repository
public class ProductRepository {

    static final String COLUMNS = "id, sku, name, description, price_cents, currency, stock, version, updated_at";

    static final RowMapper<Product> ROW_MAPPER = (rs, n) -> new Product(
            rs.getObject("id", UUID.class),
            rs.getString("sku"),
            rs.getString("name"),
            rs.getString("description"),
            rs.getLong("price_cents"),
            rs.getString("currency"),
            rs.getInt("stock"),
            rs.getLong("version"),
            rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;

    public ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keyset pagination on the primary key: stable under concurrent inserts, no OFFSET scans. */
    public List<Product> findPageAfter(Optional<UUID> after, int limit) {
        return after
                .map(id -> jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE id > :after ORDER BY id LIMIT :limit")
                        .param("after", id))
                .orElseGet(() -> jdbc.sql("SELECT " + COLUMNS + " FROM product ORDER BY id LIMIT :limit"))
                .param("limit", limit)
                .query(ROW_MAPPER)
                .list();
    }

    /** The cache's load query (benchmarks and tests count it in pg_stat_statements by this text). */
    public Optional<Product> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE id = :id").param("id", id).query(ROW_MAPPER).optional();
    }

    public List<Product> findAllById(Collection<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE id IN (:ids) ORDER BY id")
                .param("ids", List.copyOf(ids)).query(ROW_MAPPER).list();
    }

    public Product insert(UUID id, ProductDraft draft) {
        return jdbc.sql("INSERT INTO product (id, sku, name, description, price_cents, currency, stock) "
                        + "VALUES (:id, :sku, :name, :description, :price, :currency, :stock) RETURNING " + COLUMNS)
                .param("id", id).param("sku", draft.sku()).param("name", draft.name())
                .param("description", draft.description()).param("price", draft.priceCents())
                .param("currency", draft.currency()).param("stock", draft.stock())
                .query(ROW_MAPPER).single();
    }

    /** @param expectedVersion the If-Match version, or null for an unconditional update */
    public Optional<Product> update(UUID id, ProductDraft draft, Long expectedVersion) {
        return jdbc.sql("UPDATE product SET sku = :sku, name = :name, description = :description, price_cents = :price, "
                        + "currency = :currency, stock = :stock, version = version + 1, updated_at = now() "
                        + "WHERE id = :id AND (CAST(:expected AS bigint) IS NULL OR version = CAST(:expected AS bigint)) RETURNING " + COLUMNS)
                .param("id", id).param("sku", draft.sku()).param("name", draft.name())
                .param("description", draft.description()).param("price", draft.priceCents())
                .param("currency", draft.currency()).param("stock", draft.stock())
                .param("expected", expectedVersion, java.sql.Types.BIGINT)
                .query(ROW_MAPPER).optional();
    }

    public Optional<Long> currentVersion(UUID id) {
        return jdbc.sql("SELECT version FROM product WHERE id = :id").param("id", id).query(Long.class).optional();
    }

    /** @return the version the product had, if it existed */
    public Optional<Long> delete(UUID id) {
        return jdbc.sql("DELETE FROM product WHERE id = :id RETURNING version").param("id", id).query(Long.class).optional();
    }

    /**
     * Locks the products in id order ({@code FOR UPDATE}: a fixed order, so two reservations cannot deadlock) and
     * returns their stock; unknown ids are absent. Call inside the transaction that then changes them.
     */
    public Map<UUID, Integer> lockStock(Collection<UUID> ids) {
        Map<UUID, Integer> stock = new TreeMap<>();
        jdbc.sql("SELECT id, stock FROM product WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> stock.put(rs.getObject("id", UUID.class), rs.getInt("stock")))
                .list();
        return stock;
    }

    /**
     * Takes each quantity off its product's stock, in one statement (the rows are locked already, and the caller
     * checked every line fits); each change is a new version, like any write.
     *
     * @return each product's new version
     */
    public Map<UUID, Long> takeStock(Map<UUID, Integer> quantities) {
        StringJoiner values = new StringJoiner(", ");
        List<Map.Entry<UUID, Integer>> lines = List.copyOf(quantities.entrySet());
        for (int i = 0; i < lines.size(); i++) {
            values.add("(CAST(:id" + i + " AS uuid), CAST(:q" + i + " AS integer))");
        }
        JdbcClient.StatementSpec statement = jdbc.sql("UPDATE product p SET stock = p.stock - w.quantity, version = p.version + 1, updated_at = now() "
                + "FROM (VALUES " + values + ") AS w(id, quantity) WHERE p.id = w.id RETURNING p.id, p.version");
        for (int i = 0; i < lines.size(); i++) {
            statement = statement.param("id" + i, lines.get(i).getKey()).param("q" + i, lines.get(i).getValue());
        }
        Map<UUID, Long> versions = new TreeMap<>();
        statement.query(rs -> {
            versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
        });
        return versions;
    }

    /** The primary's WAL position; read after a commit, it is at or past that commit's record. */
    public long currentWalPosition() {
        return jdbc.sql("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn").query(Long.class).single();
    }
}
