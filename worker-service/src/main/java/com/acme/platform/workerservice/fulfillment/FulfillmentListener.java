package com.acme.platform.workerservice.fulfillment;

import com.acme.platform.workerservice.clients.product.StockReservationClient;
import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.events.EventHeaders;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.OrderStatusEvent;
import com.acme.platform.events.Topics;
import com.acme.platform.workerservice.events.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Group {@code fulfillment}: reserves the order's stock in product-service, then publishes OrderConfirmed or
 * OrderRejected to {@code order-status}. Safe to repeat at every step: the reservation is idempotent per order id,
 * the status event has an id derived from the order id and order-service applies it once; the event id is
 * recorded last, so a crash anywhere before that only leads to a harmless repeat.
 */
@Component
class FulfillmentListener {

    private static final Logger log = LoggerFactory.getLogger(FulfillmentListener.class);

    private final EventReader events;
    private final StockReservationClient reservations;
    private final KafkaTemplate<String, String> kafka;
    private final ProcessedEvents processed;
    private final DlqRepository dlq;

    FulfillmentListener(EventReader events, StockReservationClient reservations, KafkaTemplate<String, String> kafka,
                        ProcessedEvents processed, DlqRepository dlq) {
        this.events = events;
        this.reservations = reservations;
        this.kafka = kafka;
        this.processed = processed;
        this.dlq = dlq;
    }

    // One consumer thread per partition: each event waits on an HTTP reservation and a Kafka acknowledgement, so this
    // group is latency-bound and gains most from parallel partitions (per-key order is kept within a partition).
    @KafkaListener(id = "fulfillment", groupId = ConsumerGroups.FULFILLMENT, topics = "${worker.topics.orders:orders}",
            filter = ReplayForGroupFilter.BEAN,
            concurrency = "${worker.fulfillment.concurrency}")
    void onOrderPlaced(ConsumerRecord<String, String> record) throws Exception {
        OrderPlacedEvent event = events.read(record.value(), OrderPlacedEvent.class);
        if (!processed.isProcessed(ConsumerGroups.FULFILLMENT, event.eventId())) {
            var reservation = reservations.reserve(event.orderId(), event.items().stream()
                    .map(l -> new StockReservationClient.Line(l.productId(), l.quantity())).toList());
            OrderStatusEvent status = reservation.reserved() ? OrderStatusEvent.confirmed(event.orderId())
                    : OrderStatusEvent.rejected(event.orderId(), reservation.reason());
            kafka.send(Topics.ORDER_STATUS, event.orderId().toString(), events.write(status)).get(30, TimeUnit.SECONDS);
            processed.markProcessed(ConsumerGroups.FULFILLMENT, event.eventId());
            log.info("order {} {}", event.orderId(), status.type());
        }
        EventHeaders.replayedEntry(record).ifPresent(dlq::delete);
    }
}
