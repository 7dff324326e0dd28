package com.acme.platform.devstack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(DevstackExtension.class)
class StreamingReplicationTests {

    private final Devstack devstack = DevstackExtension.shared();

    @AfterEach
    void restoreReplayDelay() {
        devstack.setStandbyReplayDelay(Duration.ZERO);
    }

    @Test
    void primaryReportsTheStandbyAsStreaming() throws SQLException {
        assertThat(query(devstack.primaryJdbcUrl("postgres"),
                "SELECT state FROM pg_stat_replication WHERE application_name = 'replica1'")).isEqualTo("streaming");
        assertThat(query(devstack.standbyJdbcUrl("postgres"), "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
    }

    @Test
    void rowWrittenOnThePrimaryBecomesVisibleOnTheStandby() throws SQLException {
        String id = createTableAndInsert("replicated");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> query(devstack.standbyJdbcUrl("products"), "SELECT id FROM replication_probe WHERE id = '" + id + "'"),
                        id::equals);
    }

    @Test
    void standbyRejectsWrites() {
        assertThatThrownBy(() -> execute(devstack.standbyJdbcUrl("products"), "CREATE TABLE must_fail(id int)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("read-only transaction");
    }

    @Test
    void replayDelaySetAtRuntimeHoldsBackARowUntilItPasses() throws SQLException {
        createTableAndInsert("warm-up"); // the table itself must be on the standby before the delay starts
        await().atMost(Duration.ofSeconds(10)).until(() -> query(devstack.standbyJdbcUrl("products"),
                "SELECT count(*)::text FROM replication_probe WHERE note = 'warm-up'"), c -> !"0".equals(c));

        devstack.setStandbyReplayDelay(Duration.ofSeconds(3));
        long writtenAt = System.nanoTime();
        String id = insert("delayed");

        // Checked well inside the delay: the commit is on the standby's disk but not yet applied.
        assertThat(query(devstack.standbyJdbcUrl("products"), "SELECT id FROM replication_probe WHERE id = '" + id + "'"))
                .isNull();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> query(devstack.standbyJdbcUrl("products"), "SELECT id FROM replication_probe WHERE id = '" + id + "'"),
                        id::equals);
        assertThat(Duration.ofNanos(System.nanoTime() - writtenAt)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    }

    private String createTableAndInsert(String note) throws SQLException {
        execute(devstack.primaryJdbcUrl("products"),
                "CREATE TABLE IF NOT EXISTS replication_probe (id text PRIMARY KEY, note text)");
        return insert(note);
    }

    private String insert(String note) throws SQLException {
        String id = UUID.randomUUID().toString();
        execute(devstack.primaryJdbcUrl("products"),
                "INSERT INTO replication_probe (id, note) VALUES ('" + id + "', '" + note + "')");
        return id;
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
