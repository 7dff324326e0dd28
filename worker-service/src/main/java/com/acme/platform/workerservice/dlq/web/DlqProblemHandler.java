package com.acme.platform.workerservice.dlq.web;

import com.acme.platform.workerservice.dlq.domain.DlqNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The DLQ's domain failures as RFC 9457 problem details; the common cases are in CommonProblemHandler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DlqProblemHandler {

    @ExceptionHandler(DlqNotFoundException.class)
    ProblemDetail notFound(DlqNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
