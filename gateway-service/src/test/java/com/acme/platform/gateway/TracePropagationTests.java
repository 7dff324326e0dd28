package com.acme.platform.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway passes the trace on: a routed request reaches the service with a W3C {@code traceparent} of the same
 * trace as the client's (or of a new one), so the gateway's and the services' spans and log lines share one trace id,
 * also when span export is off (./local.sh, tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class TracePropagationTests {

    static final String CLIENT_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final List<String> RECEIVED_TRACEPARENTS = new CopyOnWriteArrayList<>();
    static final HttpServer BACKEND = backendRecordingTraceparent();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + BACKEND.getAddress().getPort();
        registry.add("PRODUCT_SERVICE_1_URL", () -> url);
        registry.add("PRODUCT_SERVICE_2_URL", () -> url);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.stop(0);
    }

    @Test
    void theServiceReceivesTheClientsTraceId() throws Exception {
        RECEIVED_TRACEPARENTS.clear();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/products"))
                .header("traceparent", "00-" + CLIENT_TRACE_ID + "-b7ad6b7169203331-01").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RECEIVED_TRACEPARENTS).singleElement().asString().startsWith("00-" + CLIENT_TRACE_ID + "-")
                .doesNotContain("b7ad6b7169203331"); // the gateway's own span is the parent, not the client's
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceThatTheServiceJoins() throws Exception {
        RECEIVED_TRACEPARENTS.clear();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/products"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RECEIVED_TRACEPARENTS).singleElement().asString().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    }

    private static HttpServer backendRecordingTraceparent() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                if (exchange.getRequestURI().getPath().startsWith("/api/")) { // not the gateway's health checks
                    RECEIVED_TRACEPARENTS.add(String.valueOf(traceparent));
                }
                byte[] body = "{\"items\":[],\"nextCursor\":null}".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
