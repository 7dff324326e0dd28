package com.acme.platform.productservice.product.domain;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
}
