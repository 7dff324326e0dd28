package com.acme.platform.workerservice.analytics.messaging;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.workerservice.analytics.domain.Analytics;
import com.acme.platform.workerservice.dlq.domain.DlqService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Group {@code analytics}: units and revenue per product, idempotent by construction (see TopProductsRepository). */
@Component
class AnalyticsListener {

    private final EventReader events;
    private final Analytics analytics;
    private final DlqService dlq;

    AnalyticsListener(EventReader events, Analytics analytics, DlqService dlq) {
        this.events = events;
        this.analytics = analytics;
        this.dlq = dlq;
    }

    @KafkaListener(id = "analytics", groupId = ConsumerGroups.ANALYTICS, topics = "${worker.topics.orders:orders}",
            filter = ReplayForGroupFilter.BEAN)
    void onOrderPlaced(ConsumerRecord<String, String> record) {
        analytics.count(events.read(record.value(), OrderPlacedEvent.class));
        dlq.replaySucceeded(record);
    }
}
