package com.acme.platform.orderservice.order.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/** The idempotency_key table: keys with the request they were first used for and the reply that request got. */
@Repository
class IdempotencyKeyRepository {

    record Entry(String requestBody, StoredReply reply) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(String principal, String key) {
        return jdbc.sql("""
                        SELECT request_body, response_status, response_body, order_id FROM idempotency_key
                        WHERE principal = :principal AND idempotency_key = :key""")
                .param("principal", principal).param("key", key)
                .query((rs, n) -> new Entry(rs.getString("request_body"), new StoredReply(rs.getInt("response_status"),
                        rs.getString("response_body"), rs.getObject("order_id", UUID.class), true)))
                .optional();
    }

    /**
     * Claims the key inside the caller's transaction. If a concurrent transaction holds the same key uncommitted,
     * PostgreSQL makes this insert wait for it; after its commit this returns false (the key is taken) and after
     * its rollback this claims the key. That wait is what lets the losers of a race return the winner's reply.
     */
    boolean claim(String principal, String key, String requestBody, StoredReply reply) {
        return jdbc.sql("""
                        INSERT INTO idempotency_key (principal, idempotency_key, request_body, response_status, response_body, order_id)
                        VALUES (:principal, :key, :request, :status, :body, :orderId)
                        ON CONFLICT DO NOTHING""")
                .param("principal", principal).param("key", key).param("request", requestBody)
                .param("status", reply.status()).param("body", reply.body()).param("orderId", reply.orderId())
                .update() == 1;
    }
}
