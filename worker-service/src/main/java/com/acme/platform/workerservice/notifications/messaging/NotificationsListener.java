package com.acme.platform.workerservice.notifications.messaging;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventReader;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.events.ReplayForGroupFilter;
import com.acme.platform.workerservice.dlq.domain.DlqService;
import com.acme.platform.workerservice.notifications.domain.NotificationService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group {@code notifications}: one simulated e-mail per order. The notification, its processed-event row and the
 * removal of a replayed DLQ entry commit together.
 */
@Component
class NotificationsListener {

    private final EventReader events;
    private final NotificationService notifications;
    private final DlqService dlq;
    private final TransactionTemplate transaction;

    NotificationsListener(EventReader events, NotificationService notifications, DlqService dlq,
                          TransactionTemplate transaction) {
        this.events = events;
        this.notifications = notifications;
        this.dlq = dlq;
        this.transaction = transaction;
    }

    @KafkaListener(id = "notifications", groupId = ConsumerGroups.NOTIFICATIONS, topics = "${worker.topics.orders:orders}",
            filter = ReplayForGroupFilter.BEAN)
    void onOrderPlaced(ConsumerRecord<String, String> record) {
        OrderPlacedEvent event = events.read(record.value(), OrderPlacedEvent.class);
        transaction.executeWithoutResult(status -> {
            notifications.notifyOrderReceived(event);
            dlq.replaySucceeded(record);
        });
    }
}
