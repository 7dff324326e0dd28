package com.acme.platform.orderservice.events;

import com.acme.platform.orderservice.order.domain.OrderRepository;
import com.acme.platform.orderservice.order.domain.OrderStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * Group {@code order-service} on {@code order-status}: moves an order from PENDING to CONFIRMED or REJECTED.
 * Idempotent by construction (the update only matches a PENDING order), so a redelivery changes nothing.
 */
@Component
class OrderStatusListener {

    static final String GROUP = "order-service";
    private static final Logger log = LoggerFactory.getLogger(OrderStatusListener.class);

    private final OrderRepository orders;
    private final JsonMapper json;

    OrderStatusListener(OrderRepository orders, JsonMapper json) {
        this.orders = orders;
        this.json = json;
    }

    @KafkaListener(id = "order-status-listener", groupId = GROUP, topics = "order-status")
    void onStatus(ConsumerRecord<String, String> record) {
        Header replayFor = record.headers().lastHeader(KafkaConfig.REPLAY_FOR_GROUP_HEADER);
        if (replayFor != null && !GROUP.equals(new String(replayFor.value(), StandardCharsets.UTF_8))) {
            return; // a replay addressed to another group
        }
        OrderStatusEvent event;
        try {
            event = json.readValue(record.value(), OrderStatusEvent.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidEventException("unparseable order-status event: " + e.getMessage(), e);
        }
        if (event.orderId() == null || event.type() == null) {
            throw new InvalidEventException("order-status event without orderId or type", null);
        }
        OrderStatus status = switch (event.type()) {
            case "OrderConfirmed" -> OrderStatus.CONFIRMED;
            case "OrderRejected" -> OrderStatus.REJECTED;
            default -> throw new InvalidEventException("unknown order-status event type " + event.type(), null);
        };
        if (orders.completePending(event.orderId(), status)) {
            log.info("order {} is {}", event.orderId(), status);
        }
    }
}
