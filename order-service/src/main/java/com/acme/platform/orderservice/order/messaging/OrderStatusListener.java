package com.acme.platform.orderservice.order.messaging;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderStatusEvent;
import com.acme.platform.events.OrderedBatch;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.events.Topics;
import com.acme.platform.orderservice.order.domain.OrderService;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Group {@code order-service} on {@code order-status}: moves orders from PENDING to CONFIRMED or REJECTED.
 * Idempotent by construction (the update only matches a PENDING order), so a redelivery changes nothing. A batch
 * listener: one UPDATE per poll instead of one per event (see {@link OrderedBatch} for the per-record error
 * semantics and tracing). Failures go through platform-events' dead-letter handler to {@code order-status-dlt}.
 */
@Component
class OrderStatusListener {

    private static final String LISTENER_ID = "order-status-listener";
    private static final Logger log = LoggerFactory.getLogger(OrderStatusListener.class);

    private final OrderService orders;
    private final EventReader events;
    private final OrderedBatch.Listener listener;

    OrderStatusListener(OrderService orders, EventReader events, ObservationRegistry observations) {
        this.orders = orders;
        this.events = events;
        this.listener = new OrderedBatch.Listener(observations, LISTENER_ID, ConsumerGroups.ORDER_SERVICE);
    }

    @KafkaListener(id = LISTENER_ID, groupId = ConsumerGroups.ORDER_SERVICE, topics = Topics.ORDER_STATUS,
            filter = ReplayForGroupFilter.BEAN, batch = "true")
    void onStatuses(List<ConsumerRecord<String, String>> records) {
        OrderedBatch.handle(listener, records, events, OrderStatusEvent.class, event -> { }, items -> {
            Set<UUID> completed = orders.applyStatuses(items.stream().map(OrderedBatch.Item::event).toList());
            for (OrderedBatch.Item<OrderStatusEvent> item : items) {
                OrderStatusEvent event = item.event();
                if (completed.remove(event.orderId())) {
                    item.traced(() -> log.info("order {} is {}", event.orderId(), event.isConfirmed() ? "CONFIRMED" : "REJECTED"));
                }
            }
        });
    }
}
