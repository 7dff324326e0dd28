package com.acme.platform.workerservice.fulfillment.domain;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventPublisher;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.OrderStatusEvent;
import com.acme.platform.events.Topics;
import com.acme.platform.workerservice.clients.product.StockReservationClient;
import com.acme.platform.workerservice.events.ProcessedEventRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;

/**
 * Fulfils an order: reserves its stock in product-service, then publishes OrderConfirmed or OrderRejected to
 * {@code order-status}. Safe to repeat at every step: the reservation is idempotent per order id, the status event
 * has an id derived from the order id and order-service applies it once; the event id is recorded last, so a crash
 * anywhere before that only leads to a harmless repeat.
 */
@Service
public class FulfillmentService {

    private static final Logger log = LoggerFactory.getLogger(FulfillmentService.class);
    /** 30 s: far above a healthy acknowledgement (milliseconds); past it the event is retried, then dead-lettered. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final StockReservationClient reservations;
    private final ProcessedEventRepository processed;
    private final EventPublisher publisher;

    FulfillmentService(StockReservationClient reservations, ProcessedEventRepository processed, EventPublisher publisher) {
        this.reservations = reservations;
        this.processed = processed;
        this.publisher = publisher;
    }

    public void fulfil(OrderPlacedEvent order) throws Exception {
        if (processed.isProcessed(ConsumerGroups.FULFILLMENT, order.eventId())) {
            return;
        }
        var reservation = reservations.reserve(order.orderId(), order.items().stream()
                .map(l -> new StockReservationClient.Line(l.productId(), l.quantity())).toList());
        OrderStatusEvent status = reservation.reserved() ? OrderStatusEvent.confirmed(order.orderId())
                : OrderStatusEvent.rejected(order.orderId(), reservation.reason());
        publisher.publish(Topics.ORDER_STATUS, order.orderId().toString(), status, PUBLISH_TIMEOUT);
        processed.markProcessed(ConsumerGroups.FULFILLMENT, order.eventId());
        log.info("order {} {}", order.orderId(), status.type());
    }
}
