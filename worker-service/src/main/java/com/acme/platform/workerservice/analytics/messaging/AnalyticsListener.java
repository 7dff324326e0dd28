package com.acme.platform.workerservice.analytics.messaging;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.OrderedBatch;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.workerservice.analytics.domain.Analytics;
import com.acme.platform.workerservice.dlq.domain.DlqService;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Group {@code analytics}: units and revenue per product, idempotent by construction (see TopProductsRepository).
 * A batch listener (one listener call per poll, see {@link OrderedBatch}); each event is still its own atomic script.
 */
@Component
class AnalyticsListener {

    private static final String LISTENER_ID = "analytics";

    private final EventReader events;
    private final Analytics analytics;
    private final DlqService dlq;
    private final OrderedBatch.Listener listener;

    AnalyticsListener(EventReader events, Analytics analytics, DlqService dlq, ObservationRegistry observations) {
        this.events = events;
        this.analytics = analytics;
        this.dlq = dlq;
        this.listener = new OrderedBatch.Listener(observations, LISTENER_ID, ConsumerGroups.ANALYTICS);
    }

    @KafkaListener(id = LISTENER_ID, groupId = ConsumerGroups.ANALYTICS, topics = "${worker.topics.orders:orders}",
            filter = ReplayForGroupFilter.BEAN, batch = "true")
    void onOrdersPlaced(List<ConsumerRecord<String, String>> records) {
        OrderedBatch.handle(listener, records, events, OrderPlacedEvent.class, event -> { }, items -> {
            for (OrderedBatch.Item<OrderPlacedEvent> item : items) {
                analytics.count(item.event());
                dlq.replaySucceeded(item.record());
            }
        });
    }
}
