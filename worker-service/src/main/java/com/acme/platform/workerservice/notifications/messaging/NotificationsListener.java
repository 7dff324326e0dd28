package com.acme.platform.workerservice.notifications.messaging;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.OrderedBatch;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.workerservice.dlq.domain.DlqService;
import com.acme.platform.workerservice.notifications.domain.NotificationService;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Group {@code notifications}: one simulated e-mail per order. The notifications of a poll, their processed-event
 * rows and the removal of replayed DLQ entries commit together: one transaction per poll instead of one per event;
 * an injected fault fails its own record only (see {@link OrderedBatch}).
 */
@Component
class NotificationsListener {

    private static final String LISTENER_ID = "notifications";

    private final EventReader events;
    private final NotificationService notifications;
    private final DlqService dlq;
    private final TransactionTemplate transaction;
    private final OrderedBatch.Listener listener;

    NotificationsListener(EventReader events, NotificationService notifications, DlqService dlq,
                          TransactionTemplate transaction, ObservationRegistry observations) {
        this.events = events;
        this.notifications = notifications;
        this.dlq = dlq;
        this.transaction = transaction;
        this.listener = new OrderedBatch.Listener(observations, LISTENER_ID, ConsumerGroups.NOTIFICATIONS);
    }

    @KafkaListener(id = LISTENER_ID, groupId = ConsumerGroups.NOTIFICATIONS, topics = "${worker.topics.orders:orders}",
            filter = ReplayForGroupFilter.BEAN, batch = "true")
    void onOrdersPlaced(List<ConsumerRecord<String, String>> records) {
        OrderedBatch.handle(listener, records, events, OrderPlacedEvent.class, notifications::checkFaults,
                items -> transaction.executeWithoutResult(status -> {
                    notifications.notifyOrdersReceived(items.stream().map(OrderedBatch.Item::event).toList());
                    items.forEach(item -> dlq.replaySucceeded(item.record()));
                }));
    }
}
