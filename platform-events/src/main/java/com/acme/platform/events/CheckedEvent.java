package com.acme.platform.events;

/** An event that can tell whether a consumer can act on it; {@link EventReader} asks every event it parses. */
public interface CheckedEvent {

    /** Throws {@link InvalidEventException} when a field the consumers need is missing or unknown. */
    void check();
}
