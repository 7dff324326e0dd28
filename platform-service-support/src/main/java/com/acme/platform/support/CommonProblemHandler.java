package com.acme.platform.support;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * RFC 9457 problem details for the bad input every service can receive. Spring's
 * {@link ResponseEntityExceptionHandler} covers malformed JSON, missing parameters, unknown paths and wrong
 * methods; the handlers below add the cases it leaves as 500 or without a useful detail. Request bodies and
 * parameters are checked with Bean Validation ({@code @Valid} bodies, constraints on {@code @RequestParam}s); a
 * violation is answered field by field, so a client can fix every mistake in one go.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class CommonProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CommonProblemHandler.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + e.getName() + "' must be a valid " + expected + ", got '" + e.getValue() + "'");
    }

    /** A valid token asking for what it may not have (a customer naming another customer): 403, saying why. */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ProblemDetail accessDenied(org.springframework.security.access.AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /**
     * Tomcat parses the query string when a parameter is first read, and throws if an escape is broken
     * ({@code ?cursor=%%%}), the decoded bytes are not UTF-8, or there are too many parameters. Unhandled, that ends
     * in Spring's default error JSON; here it is a 400 problem naming what is wrong, and one log line.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameters(InvalidParameterException e, HttpServletRequest request) {
        String target = request.getRequestURI() + "?" + request.getQueryString();
        String detail = request.getQueryString() == null ? null : RequestTarget.problem(target);
        if (detail == null) {
            detail = e.getCause() instanceof java.nio.charset.CharacterCodingException
                    ? "The query string's percent-encoded bytes are not valid UTF-8"
                    : "The query string could not be parsed: " + RequestTarget.printable(
                            String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        HttpStatusCode status = HttpStatusCode.valueOf(e.getErrorCode());
        log.info("{} {} -> {} malformed request: {}", request.getMethod(), RequestTarget.printable(target), status.value(), detail);
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return badRequest(headers, e.getBindingResult().getFieldErrors().stream()
                .map(f -> "'" + f.getField() + "' " + f.getDefaultMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        return badRequest(headers, e.getParameterValidationResults().stream().flatMap(result -> result.getResolvableErrors()
                .stream().map(error -> "'" + name(result.getMethodParameter().getParameterName(), error) + "' "
                        + error.getDefaultMessage())));
    }

    private static String name(String parameter, MessageSourceResolvable error) {
        return error instanceof FieldError field ? parameter + "." + field.getField() : parameter;
    }

    private static ResponseEntity<Object> badRequest(HttpHeaders headers, Stream<String> violations) {
        String detail = violations.sorted().collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().headers(headers)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail.isEmpty() ? "invalid request" : detail));
    }
}
