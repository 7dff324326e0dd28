package com.acme.platform.workerservice.notifications.domain;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.OrderPlacedEvent;
import com.acme.platform.workerservice.events.ProcessedEventRepository;
import com.acme.platform.workerservice.faults.FaultRules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The notifications group's use cases: one simulated e-mail per order, and the e-mails of an order. The event ids
 * are recorded in the same transaction as the notifications, so a redelivery finds them and writes nothing.
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

    /** Throws (a retryable error) when the failure-injection rule targets this order: checked per event, before any write. */
    public void checkFaults(OrderPlacedEvent event) {
        faults.checkNotification(event.customerId());
    }

    /**
     * The events of one poll: two statements (processed ids, notifications) however many events. Runs in the
     * caller's transaction when there is one (the listener's, which also settles replayed entries).
     */
    @Transactional
    public void notifyOrdersReceived(List<OrderPlacedEvent> events) {
        Map<UUID, OrderPlacedEvent> byEvent = new LinkedHashMap<>();
        events.forEach(event -> byEvent.putIfAbsent(event.eventId(), event));
        Set<UUID> recorded = processed.markProcessed(ConsumerGroups.NOTIFICATIONS, byEvent.keySet());
        notifications.insertAll(byEvent.values().stream().filter(event -> recorded.contains(event.eventId()))
                .map(event -> new NotificationRepository.New(event.eventId(), new Notification(UUID.randomUUID(),
                        event.orderId(), event.customerId(), "email", "Your order " + event.orderId() + " was received",
                        "Hello " + event.customerId() + ", we received your order of " + event.items().size()
                                + " line(s), total " + event.totalCents() + " " + event.currency() + " (in cents).",
                        null)))
                .toList());
    }

    public List<Notification> forOrder(UUID orderId) {
        return notifications.forOrder(orderId);
    }
}
