package com.acme.platform.orderservice.events;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderStatusEvent;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.events.Topics;
import com.acme.platform.orderservice.order.domain.OrderRepository;
import com.acme.platform.orderservice.order.domain.OrderStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Group {@code order-service} on {@code order-status}: moves an order from PENDING to CONFIRMED or REJECTED.
 * Idempotent by construction (the update only matches a PENDING order), so a redelivery changes nothing. Failures
 * go through platform-events' dead-letter handler to {@code order-status-dlt}.
 */
@Component
class OrderStatusListener {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusListener.class);

    private final OrderRepository orders;
    private final EventReader events;

    OrderStatusListener(OrderRepository orders, EventReader events) {
        this.orders = orders;
        this.events = events;
    }

    @KafkaListener(id = "order-status-listener", groupId = ConsumerGroups.ORDER_SERVICE, topics = Topics.ORDER_STATUS,
            filter = ReplayForGroupFilter.BEAN)
    void onStatus(ConsumerRecord<String, String> record) {
        OrderStatusEvent event = events.read(record.value(), OrderStatusEvent.class);
        OrderStatus status = event.isConfirmed() ? OrderStatus.CONFIRMED : OrderStatus.REJECTED;
        if (orders.completePending(event.orderId(), status)) {
            log.info("order {} is {}", event.orderId(), status);
        }
    }
}
