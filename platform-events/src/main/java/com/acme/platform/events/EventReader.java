package com.acme.platform.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and checks an event payload. Anything unusable becomes an {@link InvalidEventException}, which the
 * dead-letter handler sends to {@code <topic>-dlt} at once: retrying cannot fix a payload.
 */
public class EventReader {

    private final JsonMapper json;

    public EventReader(JsonMapper json) {
        this.json = json;
    }

    public <T extends CheckedEvent> T read(String payload, Class<T> type) {
        T event;
        try {
            event = json.readValue(payload, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidEventException("unparseable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (event == null) {
            throw new InvalidEventException("empty " + type.getSimpleName());
        }
        event.check();
        return event;
    }

    public String write(Object event) {
        return json.writeValueAsString(event);
    }
}
