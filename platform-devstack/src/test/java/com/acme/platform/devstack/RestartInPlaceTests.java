package com.acme.platform.devstack;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.acme.platform.devstack.StreamingReplicationTests.execute;
import static com.acme.platform.devstack.StreamingReplicationTests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(DevstackExtension.class)
class RestartInPlaceTests {

    private final Devstack devstack = DevstackExtension.shared();

    @Test
    void primaryRestartsWithItsDataAndTheStandbyFollowsAgain() throws SQLException {
        String url = devstack.primaryJdbcUrl("orders");
        execute(url, "CREATE TABLE IF NOT EXISTS restart_probe (n int)");
        execute(url, "INSERT INTO restart_probe VALUES (1)");

        devstack.stopPrimary();
        try {
            assertThatThrownBy(() -> query(url, "SELECT 1")).isInstanceOf(SQLException.class);
        } finally {
            devstack.startPrimary();
        }

        assertThat(query(url, "SELECT count(*)::text FROM restart_probe")).isNotEqualTo("0");
        execute(url, "INSERT INTO restart_probe VALUES (2)");
        await().atMost(Duration.ofSeconds(15)).until(
                () -> query(devstack.standbyJdbcUrl("orders"), "SELECT count(*)::text FROM restart_probe WHERE n = 2"),
                "1"::equals);
    }

    @Test
    void standbyRestartsAndCatchesUpWithWhatItMissed() throws SQLException {
        String primary = devstack.primaryJdbcUrl("workers");
        execute(primary, "CREATE TABLE IF NOT EXISTS standby_probe (n int)");

        devstack.stopStandby();
        try {
            assertThatThrownBy(() -> query(devstack.standbyJdbcUrl("workers"), "SELECT 1")).isInstanceOf(SQLException.class);
            execute(primary, "INSERT INTO standby_probe VALUES (42)");
        } finally {
            devstack.startStandby();
        }

        await().atMost(Duration.ofSeconds(15)).until(
                () -> query(devstack.standbyJdbcUrl("workers"), "SELECT count(*)::text FROM standby_probe WHERE n = 42"),
                "1"::equals);
    }

    @Test
    void redisRestartsOnTheSamePortWithItsLimits() {
        RedisClient client = RedisClient.create(RedisURI.create(devstack.redisHost(), devstack.redisPort()));
        try {
            devstack.stopRedis();
            try {
                assertThatThrownBy(() -> client.connect().close()).isInstanceOf(RuntimeException.class);
            } finally {
                devstack.startRedis();
            }
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                c.sync().set("restart-probe", "ok");
                assertThat(c.sync().get("restart-probe")).isEqualTo("ok");
                assertThat(c.sync().configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lfu");
                assertThat(Long.parseLong(c.sync().configGet("maxmemory").get("maxmemory"))).isEqualTo(64L * 1024 * 1024);
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void kafkaRestartsOnTheSamePortAndKeepsItsTopics() throws Exception {
        devstack.stopKafka();
        devstack.startKafka();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000), new StringSerializer(), new StringSerializer())) {
            RecordMetadata sent = producer.send(new ProducerRecord<>("order-status", "k", "after-restart")).get(30, TimeUnit.SECONDS);
            assertThat(sent.topic()).isEqualTo("order-status");
        }
    }
}
