package com.acme.platform.workerservice.notifications;

import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.events.EventHeaders;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.workerservice.events.ProcessedEvents;
import com.acme.platform.workerservice.faults.FaultRules;
import com.acme.platform.workerservice.notifications.domain.Notification;
import com.acme.platform.workerservice.notifications.domain.NotificationStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/**
 * Group {@code notifications}: one simulated e-mail per order. The event id is recorded in the same transaction as
 * the notification, so a redelivery finds it and writes nothing.
 */
@Component
class NotificationsListener {

    private final EventReader events;
    private final NotificationStore notifications;
    private final ProcessedEvents processed;
    private final DlqRepository dlq;
    private final FaultRules faults;
    private final TransactionTemplate transaction;

    NotificationsListener(EventReader events, NotificationStore notifications, ProcessedEvents processed,
                          DlqRepository dlq, FaultRules faults, TransactionTemplate transaction) {
        this.events = events;
        this.notifications = notifications;
        this.processed = processed;
        this.dlq = dlq;
        this.faults = faults;
        this.transaction = transaction;
    }

    @KafkaListener(id = "notifications", groupId = ConsumerGroups.NOTIFICATIONS, topics = "${worker.topics.orders:orders}",
            filter = ReplayForGroupFilter.BEAN)
    void onOrderPlaced(ConsumerRecord<String, String> record) {
        OrderPlacedEvent event = events.read(record.value(), OrderPlacedEvent.class);
        faults.checkNotification(event.customerId());
        transaction.executeWithoutResult(status -> {
            if (processed.markProcessed(ConsumerGroups.NOTIFICATIONS, event.eventId())) {
                notifications.insert(event.eventId(), new Notification(UUID.randomUUID(), event.orderId(), event.customerId(),
                        "email", "Your order " + event.orderId() + " was received",
                        "Hello " + event.customerId() + ", we received your order of " + event.items().size()
                                + " line(s), total " + event.totalCents() + " " + event.currency() + " (in cents).",
                        null));
            }
            EventHeaders.replayedEntry(record).ifPresent(dlq::delete);
        });
    }
}
