package com.acme.platform.orderservice.order.web;

import com.acme.platform.orderservice.order.domain.Order;
import com.acme.platform.orderservice.order.domain.OrderService;
import com.acme.platform.orderservice.order.domain.PlaceOrderRequest;
import com.acme.platform.orderservice.order.domain.StoredReply;
import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.support.PageCursor;
import com.acme.platform.support.security.Caller;
import com.acme.platform.orderservice.order.domain.OrderNotFoundException;
import org.springframework.security.access.AccessDeniedException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import com.acme.platform.support.apidocs.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Orders", description = "Place orders (idempotently) and read them back")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @Operation(operationId = "placeOrder", summary = "Place an order",
            description = """
                    Prices and stock are checked against the catalog; the order is stored as PENDING and an OrderPlaced \
                    event is published. Fulfillment then confirms or rejects it (poll GET /api/orders/{id}). Send a new \
                    Idempotency-Key per order and retry with the same key and the same body after a timeout, a 409 or a \
                    503: the order is placed once.""",
            security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = {ApiDocs.CUSTOMER, ApiDocs.CLIENT, ApiDocs.ADMIN}))
    // The body is the typed PlaceOrderRequest in the document; the reply is the stored JSON of the first answer, sent
    // again byte for byte on a replay, hence the String return type and the explicit schema of the 201.
    @ApiResponse(responseCode = "201", description = "placed (or, with Idempotent-Replayed: true, the first answer to this key again)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Order.class)),
            headers = {
                    @Header(name = "Location", description = "the order's path", schema = @Schema(type = "string", example = "/api/orders/5d0c1f8e-2b6a-4f0e-8c3d-7a9b1e2f3c4d")),
                    @Header(name = "Idempotent-Replayed", description = "true when this is the stored answer to an earlier request with the same key and body",
                            schema = @Schema(type = "string", allowableValues = "true"))})
    @ApiResponse(responseCode = "400", description = "Idempotency-Key missing or longer than 200 characters, or the body breaks a field's rule (the detail names every field)")
    @ApiResponse(responseCode = "409", description = "a request with this Idempotency-Key is still being processed; retry after Retry-After",
            headers = @Header(name = "Retry-After", ref = "#/components/headers/Retry-After"))
    @ApiResponse(responseCode = "422", description = "this Idempotency-Key was used with a different body, or the order cannot be placed (unknown product, a product listed twice, products priced in different currencies)")
    @ApiResponse(responseCode = "503", description = "product-service or the order database is unavailable; nothing was stored, retry with the same Idempotency-Key after Retry-After",
            headers = @Header(name = "Retry-After", ref = "#/components/headers/Retry-After"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PlaceOrderRequest.class),
            examples = @ExampleObject(name = "two mugs", value = """
                    {"customerId": "customer-42", "items": [{"productId": "0b7e5a4e-3c1f-4f7e-9d43-2a1c5e6f7a81", "quantity": 2}]}""")))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> place(@Parameter(in = ParameterIn.HEADER, required = true, description = """
                                         Required, at most 200 characters, scoped per API key (e.g. a UUID generated per \
                                         order). Replay window: ${orders.retention.idempotency-keys} after the key's \
                                         first use. Within it, the same key with the same body gets the first reply \
                                         again (same status and body, header Idempotent-Replayed: true) and the same \
                                         key with a different body gets 422; after it the key is forgotten and a \
                                         request with it places a new order.""")
                                 @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                 @Valid @RequestBody PlaceOrderRequest body) {
        if (key == null || key.isBlank()) {
            throw new InvalidRequestException("the Idempotency-Key header is required (e.g. a UUID you generate per order)");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidRequestException("Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters");
        }
        Caller caller = Caller.current();
        // Keys are scoped per caller (the verified token's subject): two callers never share a key's stored reply.
        StoredReply reply = orders.place(caller.subject(), key, body.forCustomer(customerFor(caller, body.customerId())));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.valueOf(reply.status()))
                .contentType(MediaType.APPLICATION_JSON)
                .location(URI.create("/api/orders/" + reply.orderId()));
        if (reply.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(reply.body());
    }

    @Operation(operationId = "getOrder", summary = "Read an order",
            security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = {ApiDocs.CUSTOMER, ApiDocs.CLIENT, ApiDocs.ADMIN}))
    @ApiResponse(responseCode = "200", description = "the order")
    @ApiResponse(responseCode = "400", description = "the id is not a UUID")
    @ApiResponse(responseCode = "404", description = "no order with this id")
    @GetMapping("/{id}")
    Order get(@Parameter(description = "the order's id") @PathVariable UUID id) {
        Order order = orders.get(id);
        if (!Caller.current().mayActFor(order.customerId())) {
            throw new OrderNotFoundException(id);   // someone else's order: the same answer as none, so ids leak nothing
        }
        return order;
    }

    @Operation(operationId = "listOrders", summary = "List a customer's orders, a page at a time",
            description = "In a stable order (by id); pass the answer's nextCursor as cursor for the next page.",
            security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = {ApiDocs.CUSTOMER, ApiDocs.CLIENT, ApiDocs.ADMIN}))
    @ApiResponse(responseCode = "200", description = "a page of orders; nextCursor is null on the last page")
    @ApiResponse(responseCode = "400", description = "customerId missing, limit outside 1..1000, or a cursor this service did not issue")
    @GetMapping
    PageCursor.Page<Order> list(@Parameter(description = "the customer whose orders to list: a customer's token lists its own (leave it out); required for admins and clients granted orders:any-customer", example = "customer-42") @RequestParam(required = false) String customerId,
                                @Parameter(description = "page size, 1..1000") @RequestParam(defaultValue = "20") @Min(PageCursor.MIN_LIMIT) @Max(PageCursor.MAX_LIMIT) int limit,
                                @Parameter(description = PageCursor.CURSOR_DESCRIPTION) @RequestParam(required = false) String cursor) {
        return orders.listForCustomer(customerFor(Caller.current(), customerId), cursor, limit);
    }

    /**
     * Whose orders a request is about: the caller's own subject unless it may act for any customer (an admin, a
     * client granted {@code orders:any-customer}), which must then name the customer. A customer naming someone else
     * is refused, never silently switched to itself.
     */
    private static String customerFor(Caller caller, String requested) {
        if (requested == null) {
            if (caller.actsForAnyCustomer()) {
                throw new InvalidRequestException("customerId is required: this token may act for any customer, so say which");
            }
            return caller.subject();
        }
        if (!caller.mayActFor(requested)) {
            throw new AccessDeniedException("This token acts only for customer '" + caller.subject()
                    + "', not for '" + requested + "' (acting for any customer needs the orders:any-customer scope)");
        }
        return requested;
    }
}
