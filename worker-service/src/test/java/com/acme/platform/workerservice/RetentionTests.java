package com.acme.platform.workerservice;

import com.acme.platform.support.retention.RetentionJob;
import com.acme.platform.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention of processed event ids on the devstack's PostgreSQL: ids past the window are deleted, newer ones stay. */
class RetentionTests extends AbstractIntegrationTest {

    @Autowired
    RetentionJob retention;

    @Test
    void processedEventIdsPastTheWindowAreDeletedNewerOnesStay() throws Exception {
        // Default window: 14 days, longer than the topics' 7-day retention.
        UUID old = processedEvent("15 days"), recent = processedEvent("13 days");

        retention.run();

        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(old).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(recent).query(Long.class).single()).isOne();
        assertThat(LocalHttp.get(port, "/actuator/prometheus").body())
                .containsPattern("retention_rows_deleted_total\\{[^}]*table=\"processed_event\"[^}]*} [1-9]")
                .containsPattern("retention_rows_pending\\{[^}]*table=\"processed_event\"[^}]*} 0");
    }

    private UUID processedEvent(String ago) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_event (consumer_group, event_id, processed_at) VALUES ('retention-tests', :id, now() - CAST(:ago AS interval))")
                .param("id", id).param("ago", ago).update();
        return id;
    }
}
