package com.acme.platform.orderservice.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends an event to the outbox; must run inside the transaction that writes the state the event describes. */
@Component
public class OutboxWriter {

    private final JdbcClient jdbc;

    OutboxWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, String payload) {
        jdbc.sql("INSERT INTO outbox (topic, event_key, payload) VALUES (:t, :k, :p)")
                .param("t", topic).param("k", key).param("p", payload).update();
    }
}
