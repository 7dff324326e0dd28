package com.acme.platform.orderservice.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.Comparator;
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
     * Claims the oldest unsent, unclaimed (or lapsed) rows for {@code lease}, in outbox order. One statement that
     * commits on its own (the relay runs it outside any transaction): its row locks last as long as the statement, and
     * {@code SKIP LOCKED} keeps two relays from claiming the same row. A row is claimed only when no earlier unsent
     * row has its key, so a batch holds at most one row per key and a key's next row waits until the previous one is
     * marked sent.
     */
    List<Row> claim(int limit, Duration lease) {
        List<Row> rows = jdbc.sql("""
                        UPDATE outbox SET claimed_until = now() + make_interval(secs => :lease)
                        WHERE id IN (
                            SELECT o.id FROM outbox o
                            WHERE o.sent_at IS NULL AND (o.claimed_until IS NULL OR o.claimed_until < now())
                              AND NOT EXISTS (SELECT 1 FROM outbox e
                                              WHERE e.event_key = o.event_key AND e.sent_at IS NULL AND e.id < o.id)
                            ORDER BY o.id LIMIT :n FOR UPDATE SKIP LOCKED)
                        RETURNING id, topic, event_key, payload""")
                .param("lease", lease.toMillis() / 1000.0)
                .param("n", limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        // RETURNING has no order; publish in outbox order.
        return rows.stream().sorted(Comparator.comparingLong(Row::id)).toList();
    }

    void markSent(List<Row> rows) {
        jdbc.sql("UPDATE outbox SET sent_at = now(), claimed_until = NULL WHERE id IN (:ids)")
                .param("ids", rows.stream().map(Row::id).toList())
                .update();
    }

    /** After a failed send: the rows may be claimed again at once (by the next run here, or by another relay). */
    void release(List<Row> rows) {
        jdbc.sql("UPDATE outbox SET claimed_until = NULL WHERE id IN (:ids) AND sent_at IS NULL")
                .param("ids", rows.stream().map(Row::id).toList())
                .update();
    }

    long countUnsent() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL").query(Long.class).single();
    }
}
