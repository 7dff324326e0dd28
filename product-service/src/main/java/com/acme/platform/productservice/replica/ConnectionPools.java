package com.acme.platform.productservice.replica;

import com.zaxxer.hikari.HikariDataSource;

/** The primary's and the standby's connection pools, closed with the context. */
public record ConnectionPools(HikariDataSource primary, HikariDataSource replica) implements AutoCloseable {

    @Override
    public void close() {
        replica.close();
        primary.close();
    }
}
