package com.acme.platform.gateway.malformed;

import com.acme.platform.gateway.requestid.RequestIdWebFilter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Malformed requests get a problem like every other error: 400 (414 for a request line over
 * {@code server.netty.max-initial-line-length}, 431 for headers over {@code server.max-http-request-header-size}),
 * {@code application/problem+json}, {@code X-Request-Id}, and one log line with the request id.
 *
 * <p>Without this, none of them reaches a WebFilter: Reactor Netty answers decoding failures itself, and Spring's
 * {@code ReactorHttpHandlerAdapter} answers an empty 400 when the URI does not parse (bad percent-encoding, characters
 * that must be encoded). So the check runs in Reactor Netty's {@code mapHandle}, before Spring's handler is subscribed:
 * requests the {@link DecodingFailureHandler} replaced by a stand-in, and request targets {@link RequestTarget} refuses,
 * are answered here; every other request goes on untouched.
 */
@Component
public class MalformedRequestResponder implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestResponder.class);

    private final JsonMapper json;
    private final long maxInitialLineLength;
    private final long maxHeaderSize;

    public MalformedRequestResponder(JsonMapper json, ServerProperties server, NettyServerProperties netty) {
        this.json = json;
        this.maxInitialLineLength = netty.getMaxInitialLineLength().toBytes();
        this.maxHeaderSize = server.getMaxHttpRequestHeaderSize().toBytes();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server
                .doOnChannelInit((observer, channel, address) -> {
                    ChannelPipeline pipeline = channel.pipeline();
                    if (pipeline.get(NettyPipeline.HttpCodec) != null) {   // HTTP/1.1 (the only protocol served)
                        pipeline.addAfter(NettyPipeline.HttpCodec, DecodingFailureHandler.NAME,
                                new DecodingFailureHandler(maxInitialLineLength, maxHeaderSize));
                    }
                })
                .mapHandle(this::answerIfMalformed);
    }

    private Mono<Void> answerIfMalformed(Mono<Void> handled, Connection connection) {
        if (!(connection instanceof HttpServerRequest request) || !(connection instanceof HttpServerResponse response)) {
            return handled;
        }
        Rejection rejection = DecodingFailureHandler.rejectionFor(connection.channel(), request.requestHeaders());
        if (rejection == null) {
            String detail = RequestTarget.problem(request.uri());
            if (detail == null) {
                return handled;
            }
            rejection = new Rejection(HttpResponseStatus.BAD_REQUEST, detail, request.method().name(), request.uri(),
                    request.requestHeaders().get(RequestIdWebFilter.HEADER));
        }
        // Spring's handler was applied but not subscribed (for a bad URI it only set a 400): it never runs.
        return answer(rejection, request, response);
    }

    private Mono<Void> answer(Rejection rejection, HttpServerRequest request, HttpServerResponse response) {
        String requestId = RequestIdWebFilter.acceptOrCreate(rejection.requestId());
        HttpResponseStatus status = rejection.status();
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIdWebFilter.MDC_KEY, requestId)) {
            log.info("{} {} -> {} malformed request: {}", rejection.method(), RequestTarget.printable(rejection.target()),
                    status.code(), rejection.detail());
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.reasonPhrase());
        problem.put("status", status.code());
        problem.put("detail", rejection.detail());
        problem.put("requestId", requestId);
        // The connection closes after the answer, as Tomcat does after a 400 it raised itself: a client that sent
        // malformed requests may have more of them in flight (pipelined), and Reactor Netty serves the next request
        // of a pipeline only once the one before has been read to its end.
        response.keepAlive(false);
        response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .header(RequestIdWebFilter.HEADER, requestId)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff");
        if (HttpMethod.HEAD.equals(request.method())) {
            return response.send().then();
        }
        return response.sendByteArray(Mono.just(json.writeValueAsBytes(problem))).then();
    }
}
