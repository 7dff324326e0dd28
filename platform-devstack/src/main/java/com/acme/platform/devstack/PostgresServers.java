package com.acme.platform.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A PostgreSQL 18 primary and a physical streaming hot standby, both from zonky's bundled binaries.
 *
 * <p>The bundle has no {@code pg_basebackup}, so the standby is cloned the way pg_basebackup does it
 * internally: {@code pg_backup_start}, copy the data directory minus runtime state, {@code pg_backup_stop},
 * write its label as {@code backup_label}, then {@code standby.signal} + {@code primary_conninfo}.
 */
final class PostgresServers {

    static final String SUPERUSER = "postgres";
    static final String REPLICATION_SLOT = "replica1";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    /** Runtime state that must not travel to the standby (copying pg_replslot/replica1 makes it PANIC). */
    private static final Set<String> SKIP_CONTENTS = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> SKIP_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map", "standby.signal", "pg_internal.init");

    private final DevstackSettings settings;
    private final Path primaryDir;
    private final Path standbyDir;
    private final Path logFile;
    private EmbeddedPostgres primary;
    private EmbeddedPostgres standby;

    PostgresServers(DevstackSettings settings) {
        this.settings = settings;
        this.primaryDir = settings.dataDir().resolve("postgres-primary");
        this.standbyDir = settings.dataDir().resolve("postgres-standby");
        this.logFile = settings.dataDir().resolve("logs/postgres.log");
    }

    /** Starts the primary (initialising it on first use), clones the standby if it has none, and waits for streaming. */
    void start(Map<String, Duration> startupTimes) {
        Instant t0 = Instant.now();
        boolean fresh = !Files.exists(primaryDir.resolve("PG_VERSION"));
        if (fresh) {
            Files2.deleteRecursively(standbyDir); // a standby of some other primary is useless
        }
        startPrimary();
        prepareSchemaOwners();
        startupTimes.put("postgres-primary", Duration.between(t0, Instant.now()));

        Instant t1 = Instant.now();
        if (!Files.exists(standbyDir.resolve("PG_VERSION"))) {
            cloneStandby();
        }
        startStandby();
        awaitStreaming(Duration.ofSeconds(30));
        startupTimes.put("postgres-standby", Duration.between(t1, Instant.now()));
    }

    synchronized void startPrimary() {
        if (primary != null) {
            return;
        }
        primary = launch(primaryDir, settings.postgresPort(), Map.of(
                "wal_level", "replica",
                "max_wal_senders", "10",
                "max_replication_slots", "10"));
    }

    synchronized void stopPrimary() {
        closeQuietly(primary);
        primary = null;
    }

    synchronized void startStandby() {
        if (standby != null) {
            return;
        }
        pointStandbyAtPrimary();
        standby = launch(standbyDir, settings.standbyPort(), Map.of(
                "hot_standby", "on",
                // Long reads on the standby must not be cancelled by vacuum on the primary.
                "hot_standby_feedback", "on",
                // Reconnect to a restarted primary within a second instead of the default five.
                "wal_retrieve_retry_interval", "1s"));
    }

    synchronized void stopStandby() {
        closeQuietly(standby);
        standby = null;
    }

    /** Delays replay of commits on the standby (0 switches it off), applied at runtime without a restart. */
    void setStandbyReplayDelay(Duration delay) {
        String value = delay.toMillis() + "ms";
        execute(standbyUrl("postgres"), "ALTER SYSTEM SET recovery_min_apply_delay = '" + value + "'",
                "SELECT pg_reload_conf()");
        // The reload is asynchronous; a new session sees the value once the postmaster has re-read the file.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!value.equals(normalizeMillis(queryString(standbyUrl("postgres"), "SHOW recovery_min_apply_delay")))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("standby did not pick up recovery_min_apply_delay=" + value);
            }
            pause(Duration.ofMillis(10));
        }
    }

    String primaryUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/" + database;
    }

    String standbyUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + settings.standbyPort() + "/" + database;
    }

    void awaitStreaming(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql = "SELECT state FROM pg_stat_replication WHERE application_name = '" + REPLICATION_SLOT + "'";
        while (!"streaming".equals(queryString(primaryUrl("postgres"), sql))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("standby is not streaming after " + timeout + "; see " + logFile);
            }
            pause(Duration.ofMillis(50));
        }
    }

    Map<String, Long> pids() {
        Map<String, Long> pids = new TreeMap<>();
        readPostmasterPid(primaryDir).ifPresent(pid -> pids.put("postgres-primary", pid));
        readPostmasterPid(standbyDir).ifPresent(pid -> pids.put("postgres-standby", pid));
        return pids;
    }

    private static java.util.Optional<Long> readPostmasterPid(Path dataDir) {
        try {
            Path file = dataDir.resolve("postmaster.pid");
            return Files.exists(file)
                    ? java.util.Optional.of(Long.parseLong(Files.readAllLines(file).getFirst().trim()))
                    : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    synchronized void close() {
        stopStandby();
        stopPrimary();
    }

    private EmbeddedPostgres launch(Path dataDir, int port, Map<String, String> roleConfig) {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(logFile.getParent());
            Map<String, String> config = new TreeMap<>(Map.of(
                    "listen_addresses", "127.0.0.1",
                    // The standby refuses to start with fewer connections than its primary: keep both equal.
                    "max_connections", "200",
                    "shared_preload_libraries", "pg_stat_statements",
                    "pg_stat_statements.track", "all",
                    // Development data only: skip fsync, keep synchronous commit so a commit's WAL is on its way
                    // to the standby when the client hears about it.
                    "fsync", "off",
                    "synchronous_commit", "on",
                    "timezone", "UTC"));
            config.putAll(roleConfig);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false) // the data outlives a stop: restart-in-place and local mode need it
                    .setRegisterShutdownHook(false) // Devstack closes the servers in order
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()));
            config.forEach(builder::setServerConfig);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not start; see " + logFile, e);
        }
    }

    /** One database per service plus pg_stat_statements in each, the replication role and slot. Idempotent. */
    private void prepareSchemaOwners() {
        String admin = primaryUrl("postgres");
        for (String db : settings.databases()) {
            if (queryString(admin, "SELECT 1 FROM pg_database WHERE datname = '" + db + "'") == null) {
                execute(admin, "CREATE DATABASE " + db);
            }
            execute(primaryUrl(db), "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        execute(admin, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        if (queryString(admin, "SELECT 1 FROM pg_roles WHERE rolname = 'replicator'") == null) {
            execute(admin, "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD 'replicator'");
        }
        if (queryString(admin, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + REPLICATION_SLOT + "'") == null) {
            execute(admin, "SELECT pg_create_physical_replication_slot('" + REPLICATION_SLOT + "', true)");
        }
    }

    private void cloneStandby() {
        Files2.deleteRecursively(standbyDir);
        try (Connection c = connect(primaryUrl("postgres")); Statement st = c.createStatement()) {
            // pg_backup_start and pg_backup_stop must run in the same session.
            st.execute("SELECT pg_backup_start('devstack-standby', true)");
            copyDataDirectory(primaryDir, standbyDir);
            String label;
            try (ResultSet rs = st.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                rs.next();
                label = rs.getString(1);
            }
            Files.writeString(standbyDir.resolve("backup_label"), label);
            Files.createFile(standbyDir.resolve("standby.signal"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not take a base backup of the primary", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not clone the primary's data directory", e);
        }
    }

    /**
     * (Re)writes where the standby streams from, on every start: the data directory may come from a run with
     * other ports (./local.sh keeps data between runs).
     */
    private void pointStandbyAtPrimary() {
        Path autoConf = standbyDir.resolve("postgresql.auto.conf");
        try {
            java.util.List<String> kept = Files.readAllLines(autoConf).stream()
                    .filter(line -> !line.startsWith("primary_conninfo") && !line.startsWith("primary_slot_name"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            kept.add("primary_conninfo = 'host=127.0.0.1 port=" + settings.postgresPort()
                    + " user=replicator password=replicator application_name=" + REPLICATION_SLOT + "'");
            kept.add("primary_slot_name = '" + REPLICATION_SLOT + "'");
            Files.write(autoConf, kept);
        } catch (IOException e) {
            throw new UncheckedIOException("could not configure the standby's primary_conninfo", e);
        }
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(dir);
                Path target = to.resolve(relative.toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                boolean runtimeDir = relative.getNameCount() == 1 && SKIP_CONTENTS.contains(relative.toString());
                return runtimeDir ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (SKIP_FILES.contains(name) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException gone) {
                    // Temporary files come and go while the primary runs; WAL replay restores what matters.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        Files.createDirectories(to.resolve("pg_wal/archive_status"));
    }

    static String normalizeMillis(String value) {
        if (value == null) {
            return null;
        }
        // SHOW prints "3s" for 3000ms and "0" for zero; compare in milliseconds.
        String v = value.trim();
        long ms;
        if (v.endsWith("ms")) {
            ms = Long.parseLong(v.substring(0, v.length() - 2));
        } else if (v.endsWith("min")) {
            ms = Long.parseLong(v.substring(0, v.length() - 3)) * 60_000;
        } else if (v.endsWith("s")) {
            ms = Long.parseLong(v.substring(0, v.length() - 1)) * 1000;
        } else if (v.endsWith("h")) {
            ms = Long.parseLong(v.substring(0, v.length() - 1)) * 3_600_000;
        } else {
            ms = Long.parseLong(v);
        }
        return ms + "ms";
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, SUPERUSER, SUPERUSER);
    }

    static void execute(String url, String... statements) {
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed on " + url + ": " + String.join("; ", statements), e);
        }
    }

    static String queryString(String url, String sql) {
        try (Connection c = connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("failed on " + url + ": " + sql, e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
