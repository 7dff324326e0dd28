package com.acme.platform.productservice.product.web;

import com.acme.platform.cache.CacheBypassRejectedException;
import com.acme.platform.productservice.product.domain.ProductNotFoundException;
import com.acme.platform.productservice.product.domain.VersionMismatchException;
import com.acme.platform.productservice.replica.DatabaseHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** product-service's domain errors as RFC 9457 problem details; the common cases are in CommonProblemHandler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProductProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProductProblemHandler.class);

    private final DatabaseHealth databaseHealth;

    public ProductProblemHandler(DatabaseHealth databaseHealth) {
        this.databaseHealth = databaseHealth;
    }

    @ExceptionHandler(ProductNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ProductNotFoundException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.NOT_FOUND);
        e.outcome().ifPresent(outcome -> response.header("X-Cache", outcome.name()));
        return response.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(VersionMismatchException.class)
    ProblemDetail versionMismatch(VersionMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "a product with this sku already exists");
    }

    @ExceptionHandler(CacheBypassRejectedException.class)
    ProblemDetail overloaded(CacheBypassRejectedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    /**
     * The database could not serve the request in time: the primary is known to be unreachable (refused at once), a
     * socket or statement timeout fired, or no connection could be had. Nothing was changed; the client may retry.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        boolean known = causedByPrimaryUnavailable(e);
        if (!known) {
            log.warn("database call failed: {}", e.toString());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, databaseHealth.retryAfter().toSeconds())))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, known
                        ? "the primary database is not answering; nothing was changed, retry after the Retry-After delay"
                        : "the database did not answer in time; retry after the Retry-After delay"));
    }

    private static boolean causedByPrimaryUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseHealth.PrimaryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
