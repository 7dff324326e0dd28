package com.acme.platform.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DevstackExtension.class)
class KafkaFanOutTests {

    private final Devstack devstack = DevstackExtension.shared();

    @Test
    void contractTopicsAndTheirDeadLetterTopicsExistWithEqualPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of("orders", "orders-dlt", "order-status", "order-status-dlt")).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).hasSize(4);
            assertThat(topics.get("orders").partitions()).hasSize(3);
            assertThat(topics.get("orders-dlt").partitions().size()).isGreaterThanOrEqualTo(topics.get("orders").partitions().size());
            assertThat(topics.get("order-status-dlt").partitions().size()).isGreaterThanOrEqualTo(topics.get("order-status").partitions().size());
        }
    }

    @Test
    void twoConsumerGroupsEachReceiveEveryRecordOfOrders() {
        String run = UUID.randomUUID().toString();
        Set<String> sent = IntStream.range(0, 30).mapToObj(i -> run + "-" + i).collect(Collectors.toSet());
        try (KafkaConsumer<String, String> groupA = consumer("fan-out-a-" + run);
             KafkaConsumer<String, String> groupB = consumer("fan-out-b-" + run)) {
            try (KafkaProducer<String, String> producer = producer()) {
                sent.forEach(value -> producer.send(new ProducerRecord<>("orders", value, value)));
                producer.flush();
            }
            assertThat(drain(groupA, run, sent.size())).isEqualTo(sent);
            assertThat(drain(groupB, run, sent.size())).isEqualTo(sent);
        }
    }

    static Set<String> drain(KafkaConsumer<String, String> consumer, String run, int expected) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value().startsWith(run)) {
                    seen.add(r.value());
                }
            }
        }
        return seen;
    }

    KafkaConsumer<String, String> consumer(String group) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("orders"));
        return consumer;
    }

    KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }
}
