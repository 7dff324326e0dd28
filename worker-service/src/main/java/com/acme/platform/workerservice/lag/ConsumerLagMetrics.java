package com.acme.platform.workerservice.lag;

import com.acme.platform.events.ConsumerGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code kafka_consumer_group_lag{group,topic}}: end offset minus committed offset, summed over partitions, from
 * the broker's committed offsets (what survives a consumer crash), refreshed on a schedule with the Admin client.
 */
@Component
class ConsumerLagMetrics implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final Admin admin;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final List<String> groups;

    ConsumerLagMetrics(KafkaAdmin kafkaAdmin, MeterRegistry meters, @Value("${worker.topics.orders:orders}") String ordersTopic) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);   // 5 s: a scrape-side refresh, never blocks a listener
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        this.admin = Admin.create(config);
        this.meters = meters;
        this.groups = List.of(ConsumerGroups.FULFILLMENT, ConsumerGroups.NOTIFICATIONS, ConsumerGroups.ANALYTICS,
                ConsumerGroups.ORDER_SERVICE, ConsumerGroups.DLQ_RECORDER);
        for (String group : List.of(ConsumerGroups.FULFILLMENT, ConsumerGroups.NOTIFICATIONS, ConsumerGroups.ANALYTICS)) {
            gauge(group, ordersTopic);
        }
    }

    @Scheduled(fixedDelayString = "${worker.metrics.lag-refresh-millis}")
    void refresh() {
        try {
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                committed.values().removeIf(java.util.Objects::isNull);
                if (committed.isEmpty()) {
                    continue;
                }
                var ends = admin.listOffsets(committed.keySet().stream()
                                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
                        .all().get(5, TimeUnit.SECONDS);
                Map<String, Long> perTopic = new HashMap<>();
                committed.forEach((tp, offset) -> perTopic.merge(tp.topic(),
                        Math.max(0, ends.get(tp).offset() - offset.offset()), Long::sum));
                perTopic.forEach((topic, lag) -> gauge(group, topic).set(lag));
            }
        } catch (Exception e) {
            log.debug("consumer lag not refreshed: {}", e.toString());
        }
    }

    private AtomicLong gauge(String group, String topic) {
        return lags.computeIfAbsent(group + "|" + topic, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("kafka_consumer_group_lag", value, AtomicLong::get)
                    .tags("group", group, "topic", topic)
                    .description("Records not yet committed by the consumer group").register(meters);
            return value;
        });
    }

    @Override
    public void destroy() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
