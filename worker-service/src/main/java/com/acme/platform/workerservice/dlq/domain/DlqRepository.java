package com.acme.platform.workerservice.dlq.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** SQL for the dlq_entry table. */
@Repository
class DlqRepository {

    private final JdbcClient jdbc;

    DlqRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a dead letter once; a redelivered DLT record (same source position and group) changes nothing. */
    void record(DlqEntry e) {
        jdbc.sql("""
                        INSERT INTO dlq_entry (id, consumer_group, topic, source_partition, source_offset, record_key,
                                               payload, error, attempts, failed_at)
                        VALUES (:id, :g, :t, :p, :o, :k, :v, :err, :a, :at)
                        ON CONFLICT (topic, source_partition, source_offset, consumer_group) DO NOTHING""")
                .param("id", e.id()).param("g", e.group()).param("t", e.topic()).param("p", e.partition())
                .param("o", e.offset()).param("k", e.key()).param("v", e.payload()).param("err", e.error())
                .param("a", e.attempts()).param("at", Timestamp.from(e.failedAt()))
                .update();
    }

    /** A replay failed again: the entry stays, with the new error, and is no longer marked as being replayed. */
    boolean failedAgain(UUID id, String error, int attempts, java.time.Instant failedAt) {
        return jdbc.sql("""
                        UPDATE dlq_entry SET error = :err, attempts = attempts + :a, failed_at = :at, replayed_at = NULL
                        WHERE id = :id""")
                .param("id", id).param("err", error).param("a", attempts).param("at", Timestamp.from(failedAt))
                .update() == 1;
    }

    List<DlqEntry> list(String group, int limit) {
        String where = group == null ? "" : "WHERE consumer_group = :g ";
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT * FROM dlq_entry " + where + "ORDER BY failed_at, id LIMIT :n")
                .param("n", limit);
        if (group != null) {
            spec = spec.param("g", group);
        }
        return spec.query((rs, i) -> new DlqEntry(rs.getObject("id", UUID.class), rs.getString("consumer_group"),
                rs.getString("topic"), rs.getInt("source_partition"), rs.getLong("source_offset"),
                rs.getString("record_key"), rs.getString("payload"), rs.getString("error"), rs.getInt("attempts"),
                rs.getTimestamp("failed_at").toInstant())).list();
    }

    Optional<DlqEntry> find(UUID id) {
        return jdbc.sql("SELECT * FROM dlq_entry WHERE id = :id").param("id", id)
                .query((rs, i) -> new DlqEntry(rs.getObject("id", UUID.class), rs.getString("consumer_group"),
                        rs.getString("topic"), rs.getInt("source_partition"), rs.getLong("source_offset"),
                        rs.getString("record_key"), rs.getString("payload"), rs.getString("error"),
                        rs.getInt("attempts"), rs.getTimestamp("failed_at").toInstant()))
                .optional();
    }

    void markReplayed(UUID id) {
        jdbc.sql("UPDATE dlq_entry SET replayed_at = now() WHERE id = :id").param("id", id).update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM dlq_entry WHERE id = :id").param("id", id).update() == 1;
    }

    Map<String, Long> countByGroup() {
        return jdbc.sql("SELECT consumer_group, count(*) AS n FROM dlq_entry GROUP BY consumer_group")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
