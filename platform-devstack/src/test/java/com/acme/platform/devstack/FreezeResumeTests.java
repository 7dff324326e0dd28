package com.acme.platform.devstack;

import com.acme.platform.devstack.Devstack.Server;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static com.acme.platform.devstack.StreamingReplicationTests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A frozen server is a hang, not an outage: connections open and stay open, nothing answers; after a resume the
 * same connections answer again.
 */
@ExtendWith(DevstackExtension.class)
class FreezeResumeTests {

    private final Devstack devstack = DevstackExtension.shared();

    @Test
    void frozenRedisAcceptsConnectionsButAnswersNothingUntilResumed() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(devstack.redisHost())
                .withPort(devstack.redisPort()).withTimeout(Duration.ofMillis(300)).build());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().set("freeze-probe", "before");
            devstack.freeze(Server.REDIS);
            try {
                assertThatThrownBy(() -> c.sync().get("freeze-probe")).isInstanceOf(RedisCommandTimeoutException.class);
                assertThat(tcpConnects(devstack.redisPort())).as("the kernel still completes the handshake").isTrue();
            } finally {
                devstack.resume(Server.REDIS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "before".equals(c.sync().get("freeze-probe")));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void frozenPrimaryHangsAnOpenSessionUntilResumed() throws Exception {
        frozenPostgresHangsAnOpenSession(Server.POSTGRES_PRIMARY, devstack.primaryJdbcUrl("orders"),
                devstack.settings().postgresPort());
        devstack.startPrimary(); // no-op start; waits until the standby streams again
    }

    @Test
    void frozenStandbyHangsAnOpenSessionUntilResumed() throws Exception {
        frozenPostgresHangsAnOpenSession(Server.POSTGRES_STANDBY, devstack.standbyJdbcUrl("orders"),
                devstack.settings().standbyPort());
    }

    private void frozenPostgresHangsAnOpenSession(Server server, String url, int port) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", devstack.databaseUser());
        props.setProperty("password", devstack.databasePassword());
        try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
            devstack.freeze(server);
            try {
                // A client-side socket timeout is the only way out: the server enforces no timeout while frozen.
                c.setNetworkTimeout(Runnable::run, 500);
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> st.execute("SELECT 1")).isInstanceOf(SQLException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                assertThat(tcpConnects(port)).isTrue();
            } finally {
                devstack.resume(server);
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> "1".equals(query(url, "SELECT 1")));
    }

    @Test
    void frozenKafkaAnswersNoRequestUntilResumed() {
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", devstack.kafkaBootstrapServers(),
                "request.timeout.ms", 5000, "default.api.timeout.ms", 10000))) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            devstack.freeze(Server.KAFKA);
            try {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(1, TimeUnit.SECONDS))
                        .isInstanceOf(TimeoutException.class);
            } finally {
                devstack.resume(Server.KAFKA);
            }
            await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(ExecutionException.class)
                    .until(() -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean tcpConnects(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
