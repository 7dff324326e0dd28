package com.acme.platform.orderservice;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.Json;
import com.acme.platform.testsupport.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OrderStatusConsumerTests extends AbstractIntegrationTest {

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackExtension.shared().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @Test
    void orderConfirmedMovesThePendingOrderOnceAndARedeliveryChangesNothing() throws Exception {
        UUID product = CATALOG.add(100, 10);
        String id = Json.parse(postOrder(UUID.randomUUID().toString(), orderBody("status", product, 1)).body()).get("id").asString();
        String confirmed = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"OrderConfirmed\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"orderId\":\"" + id + "\"}";
        String rejected = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"OrderRejected\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"orderId\":\"" + id + "\",\"reason\":\"late\"}";
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>("order-status", id, confirmed)).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/orders/" + id).body().contains("\"CONFIRMED\""));
            producer.send(new ProducerRecord<>("order-status", id, confirmed)).get();
            producer.send(new ProducerRecord<>("order-status", id, rejected)).get();
        }
        try (TopicReader status = new TopicReader("order-status")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> status.withKey(id).size() == 3);
        }
        // Processed in order on the key's partition; the later events found the order no longer PENDING.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/orders/" + id).body().contains("\"CONFIRMED\""));
    }

    @Test
    void unparseableStatusEventGoesToTheDeadLetterTopicAtOnceWithItsGroupAndAttempts() throws Exception {
        String key = UUID.randomUUID().toString();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>("order-status", key, "{this is not json")).get();
        }
        try (TopicReader dlt = new TopicReader("order-status-dlt")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !dlt.withKey(key).isEmpty());
            var record = dlt.withKey(key).getFirst();
            assertThat(new String(record.headers().lastHeader("x-failed-group").value())).isEqualTo("order-service");
            assertThat(new String(record.headers().lastHeader("x-attempts").value())).isEqualTo("1");
            assertThat(record.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();
        }
    }
}
