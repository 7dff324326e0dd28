package com.acme.platform.workerservice.fulfillment.domain;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventPublisher;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.OrderStatusEvent;
import com.acme.platform.events.OrderedBatch;
import com.acme.platform.events.Topics;
import com.acme.platform.workerservice.clients.product.StockReservationClient;
import com.acme.platform.workerservice.events.ProcessedEventRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Fulfils orders: reserves their stock in product-service, then publishes OrderConfirmed or OrderRejected to
 * {@code order-status}. Safe to repeat at every step: the reservation is idempotent per order id, the status event
 * has an id derived from the order id and order-service applies it once; the event ids are recorded last, so a crash
 * anywhere before that only leads to a harmless repeat.
 *
 * <p>The orders of one Kafka poll at once: one processed-events query, ONE reservation call (product-service reserves
 * each order in its own transaction and invalidates the changed products once), status sends that are all in flight
 * together and awaited once, and one insert of the processed ids. One order at a time, that was an HTTP round trip,
 * a cache invalidation per product and a synchronous Kafka acknowledgement per order, which set the pace of the
 * whole pipeline.
 */
@Service
public class FulfillmentService {

    private static final Logger log = LoggerFactory.getLogger(FulfillmentService.class);
    /** 30 s: far above a healthy acknowledgement (milliseconds); past it the events are retried, then dead-lettered. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final StockReservationClient reservations;
    private final ProcessedEventRepository processed;
    private final EventPublisher publisher;

    FulfillmentService(StockReservationClient reservations, ProcessedEventRepository processed, EventPublisher publisher) {
        this.reservations = reservations;
        this.processed = processed;
        this.publisher = publisher;
    }

    /** The orders of one poll, in order; each status event is sent (and logged) in the trace of its order's record. */
    public void fulfil(List<OrderedBatch.Item<OrderPlacedEvent>> items) {
        Set<UUID> done = processed.processedAmong(ConsumerGroups.FULFILLMENT,
                items.stream().map(item -> item.event().eventId()).toList());
        Map<UUID, OrderedBatch.Item<OrderPlacedEvent>> todo = new LinkedHashMap<>(); // by order: a repeat is fulfilled once
        List<UUID> eventIds = new ArrayList<>();
        for (OrderedBatch.Item<OrderPlacedEvent> item : items) {
            if (!done.contains(item.event().eventId())) {
                todo.putIfAbsent(item.event().orderId(), item);
                eventIds.add(item.event().eventId());
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        List<OrderedBatch.Item<OrderPlacedEvent>> orders = List.copyOf(todo.values());
        List<StockReservationClient.Reservation> outcomes = reservations.reserveAll(orders.stream()
                .map(item -> new StockReservationClient.Request(item.event().orderId(), item.event().items().stream()
                        .map(l -> new StockReservationClient.Line(l.productId(), l.quantity())).toList()))
                .toList());
        List<OrderStatusEvent> statuses = new ArrayList<>(orders.size());
        List<CompletableFuture<?>> sends = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            StockReservationClient.Reservation reservation = outcomes.get(i);
            OrderStatusEvent status = reservation.reserved() ? OrderStatusEvent.confirmed(reservation.orderId())
                    : OrderStatusEvent.rejected(reservation.orderId(), reservation.reason());
            statuses.add(status);
            orders.get(i).traced(() -> sends.add(publisher.send(Topics.ORDER_STATUS, status.orderId().toString(), status)));
        }
        try {
            EventPublisher.awaitAll(sends, PUBLISH_TIMEOUT);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("order-status events not acknowledged: " + e.getMessage(), e);
        }
        processed.markProcessed(ConsumerGroups.FULFILLMENT, eventIds);
        for (int i = 0; i < orders.size(); i++) {
            OrderStatusEvent status = statuses.get(i);
            orders.get(i).traced(() -> log.info("order {} {}", status.orderId(), status.type()));
        }
    }
}
