package com.acme.platform.orderservice.order.web;

import com.acme.platform.orderservice.config.OrderProperties;
import com.acme.platform.orderservice.order.domain.IdempotencyConflictException;
import com.acme.platform.orderservice.order.domain.OrderNotFoundException;
import com.acme.platform.orderservice.order.domain.UnprocessableOrderException;
import com.acme.platform.support.http.DownstreamUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps order-service's domain failures to RFC 9457 problem details. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(OrderProblemHandler.class);

    private final String retryAfterSeconds;

    OrderProblemHandler(OrderProperties properties) {
        this.retryAfterSeconds = String.valueOf(Math.max(1, properties.productService().retryAfter().toSeconds()));
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(UnprocessableOrderException.class)
    ProblemDetail unprocessable(UnprocessableOrderException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<ProblemDetail> inProgress(IdempotencyConflictException e) {
        return retryLater(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(DownstreamUnavailableException.class)
    ResponseEntity<ProblemDetail> productServiceDown(DownstreamUnavailableException e) {
        log.warn("order not placed: {}", e.getMessage());
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE,
                "prices and stock cannot be checked right now (product-service unavailable); nothing was stored, retry with the same Idempotency-Key");
    }

    /** Also a database that hangs: the socket timeout or the pool's connection timeout ends the wait within ~1 s. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseBusy(RuntimeException e) {
        log.warn("database unavailable: {}", e.toString());
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "the order database is unavailable or busy; nothing was stored, retry later");
    }

    private ResponseEntity<ProblemDetail> retryLater(HttpStatus status, String detail) {
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
