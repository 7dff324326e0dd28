package com.acme.platform.workerservice.fulfillment;

import com.acme.platform.workerservice.clients.product.StockReservationClient;
import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.workerservice.events.ConsumerGroups;
import com.acme.platform.workerservice.events.EventHeaders;
import com.acme.platform.workerservice.events.OrderEventReader;
import com.acme.platform.workerservice.events.OrderPlacedEvent;
import com.acme.platform.workerservice.events.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Group {@code fulfillment}: reserves the order's stock in product-service, then publishes OrderConfirmed or
 * OrderRejected to {@code order-status}. Safe to repeat at every step: the reservation is idempotent per order id,
 * the status event has an id derived from the order id and order-service applies it once; the event id is
 * recorded last, so a crash anywhere before that only leads to a harmless repeat.
 */
@Component
class FulfillmentListener {

    static final String STATUS_TOPIC = "order-status";
    private static final Logger log = LoggerFactory.getLogger(FulfillmentListener.class);

    private final OrderEventReader reader;
    private final StockReservationClient reservations;
    private final KafkaTemplate<String, String> kafka;
    private final ProcessedEvents processed;
    private final DlqRepository dlq;
    private final JsonMapper json;

    FulfillmentListener(OrderEventReader reader, StockReservationClient reservations, KafkaTemplate<String, String> kafka,
                        ProcessedEvents processed, DlqRepository dlq, JsonMapper json) {
        this.reader = reader;
        this.reservations = reservations;
        this.kafka = kafka;
        this.processed = processed;
        this.dlq = dlq;
        this.json = json;
    }

    // One consumer thread per partition: each event waits on an HTTP reservation and a Kafka acknowledgement, so this
    // group is latency-bound and gains most from parallel partitions (per-key order is kept within a partition).
    @KafkaListener(id = "fulfillment", groupId = ConsumerGroups.FULFILLMENT, topics = "${worker.topics.orders:orders}",
            concurrency = "${worker.fulfillment.concurrency}")
    void onOrderPlaced(ConsumerRecord<String, String> record) throws Exception {
        if (!EventHeaders.isFor(record, ConsumerGroups.FULFILLMENT)) {
            return;
        }
        OrderPlacedEvent event = reader.read(record.value());
        if (!processed.isProcessed(ConsumerGroups.FULFILLMENT, event.eventId())) {
            var reservation = reservations.reserve(event.orderId(), event.items().stream()
                    .map(l -> new StockReservationClient.Line(l.productId(), l.quantity())).toList());
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("eventId", UUID.nameUUIDFromBytes(("order-status:" + event.orderId()).getBytes(StandardCharsets.UTF_8)));
            status.put("type", reservation.reserved() ? "OrderConfirmed" : "OrderRejected");
            status.put("occurredAt", Instant.now());
            status.put("orderId", event.orderId());
            if (!reservation.reserved()) {
                status.put("reason", reservation.reason());
            }
            kafka.send(STATUS_TOPIC, event.orderId().toString(), json.writeValueAsString(status)).get(30, TimeUnit.SECONDS);
            processed.markProcessed(ConsumerGroups.FULFILLMENT, event.eventId());
            log.info("order {} {}", event.orderId(), status.get("type"));
        }
        EventHeaders.replayedEntry(record).ifPresent(dlq::delete);
    }
}
