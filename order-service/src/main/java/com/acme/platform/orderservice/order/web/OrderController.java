package com.acme.platform.orderservice.order.web;

import com.acme.platform.orderservice.order.domain.Order;
import com.acme.platform.orderservice.order.domain.OrderService;
import com.acme.platform.orderservice.order.domain.PlaceOrderRequest;
import com.acme.platform.orderservice.order.domain.StoredReply;
import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.support.PageCursor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String PRINCIPAL = "X-Principal";
    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_PRINCIPAL_LENGTH = 64;

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> place(@Parameter(in = ParameterIn.HEADER, required = true, description = """
                                         Required, at most 200 characters, scoped per API key (e.g. a UUID generated per \
                                         order). Replay window: ${orders.retention.idempotency-keys} after the key's \
                                         first use. Within it, the same key with the same body gets the first reply \
                                         again (same status and body, header Idempotent-Replayed: true) and the same \
                                         key with a different body gets 422; after it the key is forgotten and a \
                                         request with it places a new order.""")
                                 @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                 @RequestHeader(name = PRINCIPAL, required = false) String principal,
                                 @Valid @RequestBody PlaceOrderRequest body) {
        if (key == null || key.isBlank()) {
            throw new InvalidRequestException("the Idempotency-Key header is required (e.g. a UUID you generate per order)");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidRequestException("Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters");
        }
        if (principal != null && principal.length() > MAX_PRINCIPAL_LENGTH) {
            throw new InvalidRequestException("X-Principal must be at most " + MAX_PRINCIPAL_LENGTH + " characters");
        }
        // Keys are scoped per authenticated principal (the gateway sets X-Principal; direct calls are anonymous).
        String scope = principal == null || principal.isBlank() ? "anonymous" : principal;
        StoredReply reply = orders.place(scope, key, body);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.valueOf(reply.status()))
                .contentType(MediaType.APPLICATION_JSON)
                .location(URI.create("/api/orders/" + reply.orderId()));
        if (reply.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(reply.body());
    }

    @GetMapping("/{id}")
    Order get(@PathVariable UUID id) {
        return orders.get(id);
    }

    @GetMapping
    PageCursor.Page<Order> list(@RequestParam String customerId,
                                @RequestParam(defaultValue = "20") @Min(PageCursor.MIN_LIMIT) @Max(PageCursor.MAX_LIMIT) int limit,
                                @RequestParam(required = false) String cursor) {
        return orders.listForCustomer(customerId, cursor, limit);
    }
}
