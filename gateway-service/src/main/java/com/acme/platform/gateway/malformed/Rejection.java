package com.acme.platform.gateway.malformed;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request refused before routing: the status and detail of the problem, and what the log line names.
 *
 * @param method    the method as sent, or {@code -} when the request line could not be read
 * @param target    the request target as sent, or {@code -} when the request line could not be read
 * @param requestId the {@code X-Request-Id} the client sent, if any (checked for a safe shape before it is echoed)
 */
record Rejection(HttpResponseStatus status, String detail, String method, String target, String requestId) {
}
