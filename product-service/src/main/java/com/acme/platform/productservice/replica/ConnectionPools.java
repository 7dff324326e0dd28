package com.acme.platform.productservice.replica;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The primary's and the standby's connection pools for requests, and one connection to each for the health and
 * position polls (so a poll never waits behind requests for a pooled connection, and a pool exhausted by a burst of
 * requests is never mistaken for an unreachable server). Closed with the context.
 */
public record ConnectionPools(HikariDataSource primary, HikariDataSource replica,
                              HikariDataSource primaryPoll, HikariDataSource replicaPoll) implements AutoCloseable {

    @Override
    public void close() {
        replicaPoll.close();
        primaryPoll.close();
        replica.close();
        primary.close();
    }
}
