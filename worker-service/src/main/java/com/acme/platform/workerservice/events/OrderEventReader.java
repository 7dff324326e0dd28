package com.acme.platform.workerservice.events;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Parses and checks OrderPlaced events; anything unusable is an {@link InvalidEventException} (no retries). */
@Component
public class OrderEventReader {

    private final JsonMapper json;

    OrderEventReader(JsonMapper json) {
        this.json = json;
    }

    public OrderPlacedEvent read(String payload) {
        OrderPlacedEvent event;
        try {
            event = json.readValue(payload, OrderPlacedEvent.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidEventException("unparseable OrderPlaced event: " + e.getMessage(), e);
        }
        if (event == null || event.eventId() == null || event.orderId() == null || event.customerId() == null
                || event.items() == null || event.items().isEmpty()) {
            throw new InvalidEventException("OrderPlaced event without eventId, orderId, customerId or items", null);
        }
        if (!"OrderPlaced".equals(event.type())) {
            throw new InvalidEventException("unexpected event type " + event.type() + " on topic orders", null);
        }
        for (OrderPlacedEvent.Line line : event.items()) {
            if (line == null || line.productId() == null || line.quantity() < 1) {
                throw new InvalidEventException("OrderPlaced event with an invalid line", null);
            }
        }
        return event;
    }
}
