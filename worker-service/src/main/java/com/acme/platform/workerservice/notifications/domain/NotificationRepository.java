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

    void insert(UUID eventId, Notification n) {
        jdbc.sql("""
                        INSERT INTO notification (id, event_id, order_id, customer_id, channel, subject, message)
                        VALUES (:id, :event, :order, :customer, :channel, :subject, :message)""")
                .param("id", n.id()).param("event", eventId).param("order", n.orderId())
                .param("customer", n.customerId()).param("channel", n.channel()).param("subject", n.subject())
                .param("message", n.message()).update();
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
