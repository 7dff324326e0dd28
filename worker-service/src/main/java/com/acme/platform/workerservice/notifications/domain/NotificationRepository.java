package com.acme.platform.workerservice.notifications.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

/** SQL for the notification table. */
@Repository
class NotificationRepository {

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A notification to store and the event it answers. */
    record New(UUID eventId, Notification notification) {
    }

    /** Many notifications in one statement. */
    void insertAll(List<New> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        jdbc.sql("INSERT INTO notification (id, event_id, order_id, customer_id, channel, subject, message) VALUES :rows")
                .param("rows", notifications.stream().map(n -> new Object[]{n.notification().id(), n.eventId(),
                        n.notification().orderId(), n.notification().customerId(), n.notification().channel(),
                        n.notification().subject(), n.notification().message()}).toList())
                .update();
    }

    List<Notification> forOrder(UUID orderId) {
        return jdbc.sql("SELECT * FROM notification WHERE order_id = :o ORDER BY created_at")
                .param("o", orderId)
                .query((rs, i) -> new Notification(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                        rs.getString("customer_id"), rs.getString("channel"), rs.getString("subject"),
                        rs.getString("message"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
