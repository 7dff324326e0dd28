package com.acme.platform.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for a downstream service: it answers every request with JSON naming itself, the
 * path and the headers the gateway forwarded (request id, identity, API key, W3C trace context), and sets
 * {@code X-Served-By} like the platform's services do.
 * It can be slowed down (answers after a delay, without holding a thread), stopped and started again on the same
 * port (an instance dying and coming back).
 */
final class StubService implements AutoCloseable {

    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());

    private final String name;
    private final int port;
    private final AtomicInteger received = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile Duration refusingWithRetryAfter = Duration.ZERO;
    private volatile HttpServer server;
    private volatile boolean running;

    StubService(String name) {
        this(name, 0);
    }

    private StubService(String name, int port) {
        this.name = name;
        this.server = bind(port);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String name() {
        return name;
    }

    int received() {
        return received.get();
    }

    /** Answers API requests this much later (health checks stay immediate, as a slow but live service's would). */
    void delay(Duration delay) {
        this.delay = delay;
    }

    /**
     * Answers API requests at once with 503 problem+json and this {@code Retry-After} (as a platform service does when
     * a dependency it needs hangs); {@link Duration#ZERO} answers normally again.
     */
    void refuse(Duration retryAfter) {
        this.refusingWithRetryAfter = retryAfter;
    }

    synchronized void stop() {
        server.stop(0);
        running = false;
    }

    synchronized void start() {
        server = bind(port);
    }

    /** Starts it again if a test stopped it (and failed before restarting it). */
    synchronized void ensureStarted() {
        if (!running) {
            start();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private HttpServer bind(int port) {
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        created.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        created.createContext("/", this::handle);
        created.start();
        running = true;
        return created;
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        boolean health = exchange.getRequestURI().getPath().startsWith("/actuator/");
        if (!health) {
            received.incrementAndGet();
        }
        Duration wait = health ? Duration.ZERO : delay;
        if (wait.isZero()) {
            respond(exchange);
        } else {
            LATER.schedule(() -> respond(exchange), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The {@code sub} of a relayed bearer token (read, not verified: the real services verify). */
    private static String subjectOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length < 2) {
            return "malformed";
        }
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        java.util.regex.Matcher sub = java.util.regex.Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]*)\"").matcher(claims);
        return sub.find() ? sub.group(1) : null;
    }

    private void respond(HttpExchange exchange) {
        try (exchange) {
            var h = exchange.getRequestHeaders();
            byte[] body = ("{\"items\":[],\"nextCursor\":null,\"status\":\"UP\",\"servedBy\":\"" + name
                    + "\",\"method\":\"" + exchange.getRequestMethod()
                    + "\",\"path\":\"" + exchange.getRequestURI().getRawPath()
                    + "\",\"receivedRequestId\":\"" + h.getFirst("X-Request-Id")
                    + "\",\"receivedPrincipal\":\"" + h.getFirst("X-Principal")
                    + "\",\"receivedTokenSubject\":\"" + subjectOf(h.getFirst("Authorization"))
                    + "\",\"receivedAuthorization\":\"" + h.getFirst("Authorization")
                    + "\",\"receivedRoles\":\"" + h.getFirst("X-Principal-Roles")
                    + "\",\"receivedApiKey\":\"" + h.getFirst("X-API-Key")
                    + "\",\"receivedTraceparent\":\"" + h.getFirst("traceparent") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("X-Served-By", name);
            Duration refusing = refusingWithRetryAfter;
            if (!refusing.isZero() && !exchange.getRequestURI().getPath().startsWith("/actuator/")) {
                body = ("{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"" + name
                        + " cannot do this now\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.getResponseHeaders().set("Retry-After", Long.toString(refusing.toSeconds()));
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the gateway gave up on this request (timeout); nothing to answer
        }
    }
}
