package com.acme.platform.workerservice.notifications.domain;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.workerservice.events.ProcessedEventRepository;
import com.acme.platform.workerservice.faults.FaultRules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * The notifications group's use cases: one simulated e-mail per order, and the e-mails of an order. The event id
 * is recorded in the same transaction as the notification, so a redelivery finds it and writes nothing.
 */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final ProcessedEventRepository processed;
    private final FaultRules faults;

    NotificationService(NotificationRepository notifications, ProcessedEventRepository processed, FaultRules faults) {
        this.notifications = notifications;
        this.processed = processed;
        this.faults = faults;
    }

    /** Runs in the caller's transaction when there is one (the listener's, which also settles a replayed entry). */
    @Transactional
    public void notifyOrderReceived(OrderPlacedEvent event) {
        faults.checkNotification(event.customerId());
        if (processed.markProcessed(ConsumerGroups.NOTIFICATIONS, event.eventId())) {
            notifications.insert(event.eventId(), new Notification(UUID.randomUUID(), event.orderId(), event.customerId(),
                    "email", "Your order " + event.orderId() + " was received",
                    "Hello " + event.customerId() + ", we received your order of " + event.items().size()
                            + " line(s), total " + event.totalCents() + " " + event.currency() + " (in cents).",
                    null));
        }
    }

    public List<Notification> forOrder(UUID orderId) {
        return notifications.forOrder(orderId);
    }
}
