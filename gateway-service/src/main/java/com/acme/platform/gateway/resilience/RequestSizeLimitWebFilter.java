package com.acme.platform.gateway.resilience;

import com.acme.platform.gateway.error.GatewayProblem;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * 413 problem+json for request bodies over {@code gateway.request.max-body-size}: at once when
 * {@code Content-Length} says so, and while streaming for chunked bodies (counted as they pass, so nothing is
 * buffered). SCG's RequestSize filter checks only {@code Content-Length} and answers with an empty body.
 */
@Component
public class RequestSizeLimitWebFilter implements WebFilter, Ordered {

    private final long maxBytes;

    public RequestSizeLimitWebFilter(RequestLimitsProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long declared = headers.getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge());
        }
        if (!headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            // No body (a GET), or one framed by its Content-Length, which HTTP/1.1 never lets run past the declared
            // length: nothing to count, so no decorator on the request of every read.
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge());
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private GatewayProblem tooLarge() {
        return new GatewayProblem(HttpStatus.CONTENT_TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes");
    }
}
