package com.acme.platform.workerservice.analytics;

import com.acme.platform.workerservice.analytics.domain.TopProducts;
import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.events.EventHeaders;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Group {@code analytics}: units and revenue per product, idempotent by construction (see {@link TopProducts}). */
@Component
class AnalyticsListener {

    private final EventReader events;
    private final TopProducts topProducts;
    private final DlqRepository dlq;

    AnalyticsListener(EventReader events, TopProducts topProducts, DlqRepository dlq) {
        this.events = events;
        this.topProducts = topProducts;
        this.dlq = dlq;
    }

    @KafkaListener(id = "analytics", groupId = ConsumerGroups.ANALYTICS, topics = "${worker.topics.orders:orders}",
            filter = ReplayForGroupFilter.BEAN)
    void onOrderPlaced(ConsumerRecord<String, String> record) {
        topProducts.record(events.read(record.value(), OrderPlacedEvent.class));
        EventHeaders.replayedEntry(record).ifPresent(dlq::delete);
    }
}
