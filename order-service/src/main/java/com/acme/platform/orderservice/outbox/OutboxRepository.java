package com.acme.platform.orderservice.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** SQL for the outbox table: appended with the order, drained by {@link OutboxRelay}. */
@Repository
public class OutboxRepository {

    record Row(long id, String topic, String key, String payload) {
    }

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an event; must run inside the transaction that writes the state the event describes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, String payload) {
        jdbc.sql("INSERT INTO outbox (topic, event_key, payload) VALUES (:t, :k, :p)")
                .param("t", topic).param("k", key).param("p", payload).update();
    }

    /**
     * The oldest unsent rows, locked until the caller's transaction ends. {@code SKIP LOCKED}: several instances
     * drain the outbox side by side without publishing a row twice at the same time.
     */
    List<Row> lockUnsent(int limit) {
        return jdbc.sql("""
                        SELECT id, topic, event_key, payload FROM outbox WHERE sent_at IS NULL
                        ORDER BY id LIMIT :n FOR UPDATE SKIP LOCKED""")
                .param("n", limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    void markSent(List<Row> rows) {
        jdbc.sql("UPDATE outbox SET sent_at = now() WHERE id IN (:ids)")
                .param("ids", rows.stream().map(Row::id).toList())
                .update();
    }

    long countUnsent() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL").query(Long.class).single();
    }
}
