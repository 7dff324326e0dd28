package com.acme.platform.workerservice.analytics;

import com.acme.platform.workerservice.analytics.domain.TopProducts;
import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.workerservice.events.ConsumerGroups;
import com.acme.platform.workerservice.events.EventHeaders;
import com.acme.platform.workerservice.events.OrderEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Group {@code analytics}: units and revenue per product, idempotent by construction (see {@link TopProducts}). */
@Component
class AnalyticsListener {

    private final OrderEventReader reader;
    private final TopProducts topProducts;
    private final DlqRepository dlq;

    AnalyticsListener(OrderEventReader reader, TopProducts topProducts, DlqRepository dlq) {
        this.reader = reader;
        this.topProducts = topProducts;
        this.dlq = dlq;
    }

    @KafkaListener(id = "analytics", groupId = ConsumerGroups.ANALYTICS, topics = "${worker.topics.orders:orders}")
    void onOrderPlaced(ConsumerRecord<String, String> record) {
        if (!EventHeaders.isFor(record, ConsumerGroups.ANALYTICS)) {
            return;
        }
        topProducts.record(reader.read(record.value()));
        EventHeaders.replayedEntry(record).ifPresent(dlq::delete);
    }
}
