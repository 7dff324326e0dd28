package com.acme.platform.gateway;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP server standing in for a downstream service: it answers every request with JSON naming itself and
 * the headers the gateway forwarded, and sets {@code X-Served-By} like the platform's services do.
 */
final class StubService implements AutoCloseable {

    private final HttpServer server;

    StubService(String name) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            byte[] body = ("{\"items\":[],\"nextCursor\":null,\"servedBy\":\"" + name + "\",\"path\":\""
                    + exchange.getRequestURI().getRawPath() + "\",\"receivedRequestId\":\"" + requestId + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Served-By", name);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
