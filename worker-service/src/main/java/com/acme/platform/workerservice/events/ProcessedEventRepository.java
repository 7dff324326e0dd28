package com.acme.platform.workerservice.events;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.UUID;

/**
 * SQL for the processed_event table: the per-group record of processed event ids that makes the PostgreSQL-backed
 * consumers idempotent.
 */
@Repository
public class ProcessedEventRepository {

    private final JdbcClient jdbc;

    ProcessedEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event for the group; false if it was recorded before (a redelivery). Call inside the effect's transaction. */
    public boolean markProcessed(String group, UUID eventId) {
        return jdbc.sql("INSERT INTO processed_event (consumer_group, event_id) VALUES (:g, :e) ON CONFLICT DO NOTHING")
                .param("g", group).param("e", eventId).update() == 1;
    }

    public boolean isProcessed(String group, UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer_group = :g AND event_id = :e")
                .param("g", group).param("e", eventId).query(Long.class).single() > 0;
    }
}
