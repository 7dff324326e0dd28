package com.acme.platform.events;

import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        awaitAll(List.of(send(topic, key, event)), timeout);
    }

    /**
     * Sends without waiting, for a caller that publishes several events and then awaits them together
     * ({@link #awaitAll}): the producer puts what is in flight at once into shared requests, and the caller waits
     * for one round trip instead of one per event.
     */
    public CompletableFuture<?> send(String topic, String key, Object event) {
        return kafka.send(topic, key, json.write(event));
    }

    /** Waits until the broker acknowledged every one of {@code sends}; fails on the first that failed or the timeout. */
    public static void awaitAll(List<? extends CompletableFuture<?>> sends, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
