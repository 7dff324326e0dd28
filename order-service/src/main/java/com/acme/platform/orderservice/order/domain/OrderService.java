package com.acme.platform.orderservice.order.domain;

import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.OrderStatusEvent;
import com.acme.platform.events.Topics;
import com.acme.platform.orderservice.clients.product.ProductClient;
import com.acme.platform.orderservice.clients.product.ProductInfo;
import com.acme.platform.orderservice.outbox.OutboxRepository;
import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.support.PageCursor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The order use cases; the web layer and the order-status listener talk to this, never to a repository.
 * <p>
 * Placing is exactly once per idempotency key: price the lines from product-service, then in ONE transaction claim
 * the key (with the reply), write the order and its OrderPlaced outbox row. Nothing is written unless everything
 * is, so a failure (e.g. product-service down) leaves the key free for a retry.
 */
@Service
public class OrderService {

    private final ProductClient products;
    private final OrderRepository orders;
    private final IdempotencyKeyRepository idempotency;
    private final OutboxRepository outbox;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    OrderService(ProductClient products, OrderRepository orders, IdempotencyKeyRepository idempotency,
                 OutboxRepository outbox, TransactionTemplate transaction, JsonMapper json) {
        this.products = products;
        this.orders = orders;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.transaction = transaction;
        this.json = json;
    }

    /** @param request a body that passed Bean Validation */
    public StoredReply place(String principal, String idempotencyKey, PlaceOrderRequest request) {
        JsonNode body = json.valueToTree(request);
        Optional<IdempotencyKeyRepository.Entry> earlier = idempotency.find(principal, idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), body);
        }
        rejectRepeatedProducts(request);
        Map<UUID, ProductInfo> catalog = products.lookup(request.items().stream().map(PlaceOrderRequest.Line::productId).toList());
        Order order = price(request, catalog);
        StoredReply reply = new StoredReply(201, json.writeValueAsString(order), order.id(), false);
        String requestBody = json.writeValueAsString(body);
        Boolean claimed = transaction.execute(status -> {
            if (!idempotency.claim(principal, idempotencyKey, requestBody, reply)) {
                return false;
            }
            orders.insert(order);
            outbox.append(Topics.ORDERS, order.id().toString(), json.writeValueAsString(placedEvent(order)));
            return true;
        });
        if (Boolean.TRUE.equals(claimed)) {
            return reply;
        }
        // Lost the race for the key: the winner has committed (the claim waited for it), so its reply is stored.
        return idempotency.find(principal, idempotencyKey)
                .map(entry -> replay(entry, body))
                .orElseThrow(() -> new IdempotencyConflictException(
                        "a request with this Idempotency-Key is still being processed; retry later"));
    }

    public Order get(UUID id) {
        return orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
    }

    public PageCursor.Page<Order> listForCustomer(String customerId, String cursor, int limit) {
        return PageCursor.page(orders.findByCustomer(customerId, PageCursor.decode(cursor), limit + 1), limit, Order::id);
    }

    /**
     * PENDING -> CONFIRMED|REJECTED once per order, the events of one poll in one statement; a redelivered status
     * event changes nothing. Returns the orders moved now.
     */
    public Set<UUID> applyStatuses(List<OrderStatusEvent> events) {
        // One status per order: fulfillment publishes one per order (a repeat carries the same one).
        Map<UUID, OrderStatus> statuses = new LinkedHashMap<>();
        events.forEach(event -> statuses.putIfAbsent(event.orderId(),
                event.isConfirmed() ? OrderStatus.CONFIRMED : OrderStatus.REJECTED));
        return orders.completePending(statuses);
    }

    /** Same body (compared as parsed JSON, so key order and spacing do not matter) -> the stored reply; else 422. */
    private StoredReply replay(IdempotencyKeyRepository.Entry entry, JsonNode body) {
        JsonNode first = json.readTree(entry.requestBody());
        if (!first.equals(body)) {
            throw new UnprocessableOrderException(
                    "this Idempotency-Key was already used with a different request body; use a new key for a new order");
        }
        return entry.reply();
    }

    /** The one rule Bean Validation cannot express on the body alone. */
    private static void rejectRepeatedProducts(PlaceOrderRequest request) {
        Set<UUID> seen = new HashSet<>();
        List<PlaceOrderRequest.Line> lines = request.items();
        for (int i = 0; i < lines.size(); i++) {
            if (!seen.add(lines.get(i).productId())) {
                throw new InvalidRequestException("items[" + i + "]: product " + lines.get(i).productId()
                        + " appears twice; put the whole quantity on one line");
            }
        }
    }

    private static OrderPlacedEvent placedEvent(Order order) {
        List<OrderPlacedEvent.Line> lines = order.items().stream()
                .map(l -> new OrderPlacedEvent.Line(l.productId(), l.quantity(), l.unitPriceCents())).toList();
        return OrderPlacedEvent.of(order.id(), order.customerId(), lines, order.totalCents(), order.currency(),
                order.createdAt());
    }

    /** Prices the lines from the catalog: pure, so {@code OrderPricingTests} checks it without a database. */
    static Order price(PlaceOrderRequest request, Map<UUID, ProductInfo> catalog) {
        List<UUID> unknown = request.items().stream().map(PlaceOrderRequest.Line::productId)
                .filter(id -> !catalog.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new UnprocessableOrderException("unknown product(s): " + unknown);
        }
        Set<String> currencies = new HashSet<>();
        long total = 0;
        List<Order.Line> lines = request.items().stream()
                .map(l -> new Order.Line(l.productId(), l.quantity(), catalog.get(l.productId()).priceCents()))
                .sorted(Comparator.comparing(Order.Line::productId))
                .toList();
        for (Order.Line line : lines) {
            currencies.add(catalog.get(line.productId()).currency());
            total = Math.addExact(total, Math.multiplyExact(line.unitPriceCents(), (long) line.quantity()));
        }
        if (currencies.size() > 1) {
            throw new UnprocessableOrderException("the products are priced in different currencies " + currencies
                    + "; place one order per currency");
        }
        // Microseconds: what PostgreSQL stores, so the reply and a later GET show the same timestamps.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Order(UUID.randomUUID(), request.customerId(), OrderStatus.PENDING, lines, total,
                currencies.iterator().next(), now, now);
    }
}
