package com.acme.platform.workerservice.events;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * SQL for the processed_event table: the per-group record of processed event ids that makes the PostgreSQL-backed
 * consumers idempotent. Batch listeners pass a poll's events: one statement for all of them.
 */
@Repository
public class ProcessedEventRepository {

    private final JdbcClient jdbc;

    ProcessedEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the events for the group; returns those recorded now (the others were recorded before: redeliveries).
     * Call inside the effect's transaction.
     */
    public Set<UUID> markProcessed(String group, Collection<UUID> eventIds) {
        Set<UUID> recorded = new HashSet<>();
        if (eventIds.isEmpty()) {
            return recorded;
        }
        jdbc.sql("INSERT INTO processed_event (consumer_group, event_id) VALUES :rows ON CONFLICT DO NOTHING RETURNING event_id")
                .param("rows", eventIds.stream().map(id -> new Object[]{group, id}).toList())
                .query(rs -> {
                    recorded.add(rs.getObject(1, UUID.class));
                });
        return recorded;
    }

    /** Which of these events the group has processed. */
    public Set<UUID> processedAmong(String group, Collection<UUID> eventIds) {
        Set<UUID> done = new HashSet<>();
        if (eventIds.isEmpty()) {
            return done;
        }
        jdbc.sql("SELECT event_id FROM processed_event WHERE consumer_group = :g AND event_id IN (:ids)")
                .param("g", group).param("ids", eventIds)
                .query(rs -> {
                    done.add(rs.getObject(1, UUID.class));
                });
        return done;
    }
}
