package com.acme.platform.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Plays product-service's internal API (docs/internal-api.md: {@code GET /internal/products?ids=...} and
 * {@code POST /internal/stock-reservations}) over real HTTP, for the services that call product-service
 * (order-service, worker-service). The stock lives in a {@link Catalog} shared by every instance, as the real
 * instances share one database. An instance can be stopped and started again on the same port.
 */
public final class ProductServiceStub implements AutoCloseable {

    /** A product as the stub stores it. */
    public record Product(UUID id, long priceCents, String currency, int stock) {
    }

    /** The "database" every instance reads and writes: products and the outcome of each order's reservation. */
    public static final class Catalog {
        private final Map<UUID, Product> products = new ConcurrentHashMap<>();
        private final Map<UUID, String> reservations = new ConcurrentHashMap<>();

        /** Adds a product priced in EUR with this much stock; returns its id. */
        public UUID add(long priceCents, int stock) {
            UUID id = UUID.randomUUID();
            products.put(id, new Product(id, priceCents, "EUR", stock));
            return id;
        }

        /** The product as it is now (its stock after every reservation so far), or null if unknown. */
        public Product product(UUID id) {
            return products.get(id);
        }

        /** The orders a reservation was answered for (reserved or rejected); a live, read-only view. */
        public Set<UUID> reservedOrderIds() {
            return Collections.unmodifiableSet(reservations.keySet());
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Catalog catalog;
    private volatile HttpServer server;
    private int port;

    /** Starts an instance on an ephemeral port; {@code name} is what it answers in {@code X-Served-By}. */
    public ProductServiceStub(String name, Catalog catalog) {
        this.name = name;
        this.catalog = catalog;
        start();
    }

    /**
     * Points the service under test's two product-service instances ({@code PRODUCT_SERVICE_1_URL},
     * {@code PRODUCT_SERVICE_2_URL}) at these stubs; call it from a {@code @DynamicPropertySource} method.
     */
    public static void registerAsInstances(DynamicPropertyRegistry registry, ProductServiceStub first,
                                           ProductServiceStub second) {
        registry.add("PRODUCT_SERVICE_1_URL", first::url);
        registry.add("PRODUCT_SERVICE_2_URL", second::url);
    }

    /** Starts answering (again, on the same port after a {@link #stop()}). */
    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/products", this::lookup);
        server.createContext("/internal/stock-reservations", this::reserve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops answering: connections are refused, as with an instance that is down. */
    public synchronized void stop() {
        server.stop(0);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * As product-service does, refuses a call without a service token carrying the scope it needs (401/403); the
     * signature is product-service's own tests' concern, here it is whether the caller sends the right token.
     */
    private boolean refusedWithout(String scope, HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, "{\"status\":401,\"detail\":\"a service token is required\"}");
            return true;
        }
        String[] parts = authorization.substring(7).split("\\.");
        String claims = parts.length < 2 ? "" : new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String granted = parts.length < 2 ? "" : JSON.readTree(claims).path("scope").asString("");
        if (!List.of(granted.split(" ")).contains(scope)) {
            send(exchange, 403, "{\"status\":403,\"detail\":\"the token lacks scope " + scope + "\"}");
            return true;
        }
        return false;
    }

    private void lookup(HttpExchange exchange) throws IOException {
        if (refusedWithout("products:prices", exchange)) {
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        if (query == null || !query.startsWith("ids=")) {
            send(exchange, 400, "{\"status\":400,\"detail\":\"ids is required\"}");
            return;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (String raw : query.substring(4).split(",")) {
            UUID id;
            try {
                id = UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "{\"status\":400,\"detail\":\"malformed uuid\"}");
                return;
            }
            Product p = catalog.products.get(id);
            if (p != null) {
                items.add(Map.of("id", p.id(), "sku", "SKU-" + p.id(), "name", "product", "priceCents", p.priceCents(),
                        "currency", p.currency(), "stock", p.stock(), "version", 1));
            }
        }
        send(exchange, 200, JSON.writeValueAsString(Map.of("items", items)));
    }

    private void reserve(HttpExchange exchange) throws IOException {
        if (refusedWithout("products:reserve", exchange)) {
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (exchange.getRequestURI().getPath().endsWith("/batch")) {
            // POST /internal/stock-reservations/batch: each reservation as the single call would answer it, in order.
            List<Object> answers = new ArrayList<>();
            for (JsonNode reservation : body.get("reservations")) {
                boolean replayed;
                String outcome;
                synchronized (catalog) {
                    replayed = catalog.reservations.containsKey(UUID.fromString(reservation.get("orderId").asString()));
                    outcome = reserveOne(reservation);
                }
                Map<String, Object> item = new java.util.LinkedHashMap<>(JSON.readValue(outcome, Map.class));
                item.put("replayed", replayed);
                answers.add(item);
            }
            send(exchange, 200, JSON.writeValueAsString(Map.of("items", answers)));
            return;
        }
        UUID orderId = UUID.fromString(body.get("orderId").asString());
        synchronized (catalog) {
            if (catalog.reservations.containsKey(orderId)) {
                exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
            }
            send(exchange, 200, reserveOne(body));
        }
    }

    /** One order's reservation: the stored outcome for a known order id, else reserved all or nothing. */
    private String reserveOne(JsonNode body) {
        UUID orderId = UUID.fromString(body.get("orderId").asString());
        String outcome;
        synchronized (catalog) {
            String stored = catalog.reservations.get(orderId);
            if (stored != null) {
                return stored;
            }
            String rejection = null;
            for (JsonNode line : body.get("items")) {
                Product p = catalog.products.get(UUID.fromString(line.get("productId").asString()));
                if (p == null) {
                    rejection = "unknown product " + line.get("productId").asString();
                } else if (p.stock() < line.get("quantity").asInt()) {
                    rejection = "insufficient stock for product " + p.id();
                }
                if (rejection != null) {
                    break;
                }
            }
            if (rejection == null) {
                for (JsonNode line : body.get("items")) {
                    UUID id = UUID.fromString(line.get("productId").asString());
                    catalog.products.computeIfPresent(id, (k, p) -> new Product(k, p.priceCents(), p.currency(),
                            p.stock() - line.get("quantity").asInt()));
                }
                outcome = JSON.writeValueAsString(Map.of("orderId", orderId, "status", "RESERVED"));
            } else {
                outcome = JSON.writeValueAsString(Map.of("orderId", orderId, "status", "REJECTED", "reason", rejection));
            }
            catalog.reservations.put(orderId, outcome);
        }
        return outcome;
    }

    private void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.getResponseHeaders().set("X-Served-By", name);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        stop();
    }
}
