package com.acme.platform.productservice;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.DevstackExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts product loads where they happen: pg_stat_statements calls of the cache's load query, summed over the
 * primary and the standby (each server counts only what it ran).
 */
final class DatabaseLoads {

    static final String LOAD_QUERY = "SELECT id, sku, name, description, price_cents, currency, stock, version, updated_at FROM product WHERE id = $1";

    private DatabaseLoads() {
    }

    static void reset() {
        Devstack devstack = DevstackExtension.shared();
        run(devstack.primaryJdbcUrl("products"), "SELECT pg_stat_statements_reset()");
        run(devstack.standbyJdbcUrl("products"), "SELECT pg_stat_statements_reset()");
    }

    static long count() {
        Devstack devstack = DevstackExtension.shared();
        return calls(devstack.primaryJdbcUrl("products")) + calls(devstack.standbyJdbcUrl("products"));
    }

    private static long calls(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query = '" + LOAD_QUERY + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements on " + url, e);
        }
    }

    private static void run(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + url, e);
        }
    }
}
