package com.acme.platform.workerservice.notifications.web;

import com.acme.platform.support.apidocs.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.platform.workerservice.notifications.domain.Notification;
import com.acme.platform.workerservice.notifications.domain.NotificationService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;
import com.acme.platform.support.security.Caller;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "Notifications", description = "The messages the notifications consumer group sent about orders")
class NotificationController {

    record Notifications(List<Notification> items) {
    }

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Operation(operationId = "listNotifications", summary = "The notifications sent about an order",
            description = "Written asynchronously after the order is placed: poll until it appears.",
            security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = {ApiDocs.CUSTOMER, ApiDocs.CLIENT, ApiDocs.ADMIN}))
    @ApiResponse(responseCode = "200", description = "the order's notifications, oldest first (empty until the consumer has run)")
    @ApiResponse(responseCode = "400", description = "orderId missing or not a UUID")
    @ApiResponse(responseCode = "404", description = "a customer's token: no notification of this customer's about this order (someone else's order, or none written yet)")
    @GetMapping("/api/notifications")
    Notifications forOrder(@Parameter(description = "the order's id") @RequestParam UUID orderId) {
        Caller caller = Caller.current();
        List<Notification> found = notifications.forOrder(orderId);
        if (caller.actsForAnyCustomer()) {
            return new Notifications(found);
        }
        List<Notification> own = found.stream().filter(n -> caller.mayActFor(n.customerId())).toList();
        if (own.isEmpty()) {
            // The same answer whether the order is someone else's or has no notification yet: ids leak nothing.
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No notification of yours about order " + orderId);
        }
        return new Notifications(own);
    }
}
