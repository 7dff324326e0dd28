package com.acme.platform.events;

import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes an event record as JSON and waits for the broker's acknowledgement, for a consumer that must not record
 * its work as done before the event it produced is durable (worker-service's fulfillment group). order-service
 * publishes through its outbox instead.
 */
public class EventPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final EventReader json;

    public EventPublisher(KafkaTemplate<String, String> kafka, EventReader json) {
        this.kafka = kafka;
        this.json = json;
    }

    public void publish(String topic, String key, Object event, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        kafka.send(topic, key, json.write(event)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
