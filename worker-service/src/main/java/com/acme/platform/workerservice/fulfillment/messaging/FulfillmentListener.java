package com.acme.platform.workerservice.fulfillment.messaging;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.OrderedBatch;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.workerservice.dlq.domain.DlqService;
import com.acme.platform.workerservice.fulfillment.domain.FulfillmentService;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Group {@code fulfillment} on {@code orders}: see {@link FulfillmentService}. A batch listener: a poll's orders are
 * fulfilled together, with a record listener's error semantics ({@link OrderedBatch}).
 */
@Component
class FulfillmentListener {

    private static final String LISTENER_ID = "fulfillment";

    private final EventReader events;
    private final FulfillmentService fulfillment;
    private final DlqService dlq;
    private final OrderedBatch.Listener listener;

    FulfillmentListener(EventReader events, FulfillmentService fulfillment, DlqService dlq, ObservationRegistry observations) {
        this.events = events;
        this.fulfillment = fulfillment;
        this.dlq = dlq;
        this.listener = new OrderedBatch.Listener(observations, LISTENER_ID, ConsumerGroups.FULFILLMENT);
    }

    // One consumer thread per partition (per-key order is kept within a partition), each handling a poll at once.
    @KafkaListener(id = LISTENER_ID, groupId = ConsumerGroups.FULFILLMENT, topics = "${worker.topics.orders:orders}",
            concurrency = "${worker.fulfillment.concurrency}", filter = ReplayForGroupFilter.BEAN, batch = "true")
    void onOrdersPlaced(List<ConsumerRecord<String, String>> records) {
        OrderedBatch.handle(listener, records, events, OrderPlacedEvent.class, event -> { }, items -> {
            fulfillment.fulfil(items);
            items.forEach(item -> dlq.replaySucceeded(item.record()));
        });
    }
}
