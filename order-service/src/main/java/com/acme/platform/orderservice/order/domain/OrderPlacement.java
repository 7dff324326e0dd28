package com.acme.platform.orderservice.order.domain;

import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.Topics;
import com.acme.platform.orderservice.clients.product.ProductClient;
import com.acme.platform.orderservice.clients.product.ProductInfo;
import com.acme.platform.orderservice.outbox.OutboxWriter;
import com.acme.platform.support.InvalidRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Places an order exactly once per idempotency key: validate, price the lines from product-service, then in ONE
 * transaction claim the key (with the reply), write the order and its OrderPlaced outbox row. Nothing is written
 * unless everything is, so a failure (e.g. product-service down) leaves the key free for a retry.
 */
@Service
public class OrderPlacement {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 1000;
    static final int MAX_CUSTOMER_ID = 100;

    private final ProductClient products;
    private final OrderRepository orders;
    private final IdempotencyStore idempotency;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    OrderPlacement(ProductClient products, OrderRepository orders, IdempotencyStore idempotency, OutboxWriter outbox,
                   TransactionTemplate transaction, JsonMapper json) {
        this.products = products;
        this.orders = orders;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.transaction = transaction;
        this.json = json;
    }

    public StoredReply place(String principal, String idempotencyKey, JsonNode body) {
        Optional<IdempotencyStore.Entry> earlier = idempotency.find(principal, idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), body);
        }
        PlaceOrderRequest request = parse(body);
        validate(request);
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

    /** Same body (compared as parsed JSON, so key order and spacing do not matter) -> the stored reply; else 422. */
    private StoredReply replay(IdempotencyStore.Entry entry, JsonNode body) {
        JsonNode first = json.readTree(entry.requestBody());
        if (!first.equals(body)) {
            throw new UnprocessableOrderException(
                    "this Idempotency-Key was already used with a different request body; use a new key for a new order");
        }
        return entry.reply();
    }

    private PlaceOrderRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("the body must be a JSON object {customerId, items}");
        }
        try {
            return json.treeToValue(body, PlaceOrderRequest.class);
        } catch (JacksonException e) {
            throw new InvalidRequestException("malformed order: " + e.getOriginalMessage());
        }
    }

    private static void validate(PlaceOrderRequest request) {
        if (request.customerId() == null || request.customerId().isBlank()) {
            throw new InvalidRequestException("customerId is required");
        }
        if (request.customerId().length() > MAX_CUSTOMER_ID) {
            throw new InvalidRequestException("customerId must be at most " + MAX_CUSTOMER_ID + " characters");
        }
        List<PlaceOrderRequest.Line> lines = request.items();
        if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new InvalidRequestException("items must hold 1.." + MAX_LINES + " lines");
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            PlaceOrderRequest.Line line = lines.get(i);
            if (line == null || line.productId() == null) {
                throw new InvalidRequestException("items[" + i + "].productId is required");
            }
            if (line.quantity() == null || line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw new InvalidRequestException("items[" + i + "].quantity must be 1.." + MAX_QUANTITY);
            }
            if (!seen.add(line.productId())) {
                throw new InvalidRequestException("items[" + i + "]: product " + line.productId()
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
