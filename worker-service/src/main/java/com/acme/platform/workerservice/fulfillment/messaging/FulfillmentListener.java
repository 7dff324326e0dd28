package com.acme.platform.workerservice.fulfillment.messaging;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.workerservice.dlq.domain.DlqService;
import com.acme.platform.workerservice.fulfillment.domain.FulfillmentService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Group {@code fulfillment} on {@code orders}: see {@link FulfillmentService}. */
@Component
class FulfillmentListener {

    private final EventReader events;
    private final FulfillmentService fulfillment;
    private final DlqService dlq;

    FulfillmentListener(EventReader events, FulfillmentService fulfillment, DlqService dlq) {
        this.events = events;
        this.fulfillment = fulfillment;
        this.dlq = dlq;
    }

    // One consumer thread per partition: each event waits on an HTTP reservation and a Kafka acknowledgement, so this
    // group is latency-bound and gains most from parallel partitions (per-key order is kept within a partition).
    @KafkaListener(id = "fulfillment", groupId = ConsumerGroups.FULFILLMENT, topics = "${worker.topics.orders:orders}",
            concurrency = "${worker.fulfillment.concurrency}", filter = ReplayForGroupFilter.BEAN)
    void onOrderPlaced(ConsumerRecord<String, String> record) throws Exception {
        fulfillment.fulfil(events.read(record.value(), OrderPlacedEvent.class));
        dlq.replaySucceeded(record);
    }
}
