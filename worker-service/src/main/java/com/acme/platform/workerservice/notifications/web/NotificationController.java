package com.acme.platform.workerservice.notifications.web;

import com.acme.platform.workerservice.notifications.domain.Notification;
import com.acme.platform.workerservice.notifications.domain.NotificationService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
class NotificationController {

    record Notifications(List<Notification> items) {
    }

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/notifications")
    Notifications forOrder(@RequestParam UUID orderId) {
        return new Notifications(notifications.forOrder(orderId));
    }
}
