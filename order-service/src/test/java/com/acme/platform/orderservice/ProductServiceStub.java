package com.acme.platform.orderservice;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays product-service's internal API (docs/internal-api.md) over real HTTP, with in-memory stock shared by every
 * instance (as the real instances share one database). Can be stopped and started again on the same port.
 */
final class ProductServiceStub implements AutoCloseable {

    record Product(UUID id, long priceCents, String currency, int stock) {
    }

    /** The "database" both instances read and write. */
    static final class Catalog {
        final Map<UUID, Product> products = new ConcurrentHashMap<>();
        final Map<UUID, String> reservations = new ConcurrentHashMap<>();

        UUID add(long priceCents, int stock) {
            UUID id = UUID.randomUUID();
            products.put(id, new Product(id, priceCents, "EUR", stock));
            return id;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Catalog catalog;
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile HttpServer server;
    private int port;

    ProductServiceStub(String name, Catalog catalog) {
        this.name = name;
        this.catalog = catalog;
        start();
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/products", this::lookup);
        server.createContext("/internal/stock-reservations", this::reserve);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        port = server.getAddress().getPort();
    }

    synchronized void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int lookups() {
        return lookups.get();
    }

    private void lookup(HttpExchange exchange) throws IOException {
        lookups.incrementAndGet();
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
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        UUID orderId = UUID.fromString(body.get("orderId").asString());
        String outcome;
        synchronized (catalog) {
            String stored = catalog.reservations.get(orderId);
            if (stored != null) {
                exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
                send(exchange, 200, stored);
                return;
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
        send(exchange, 200, outcome);
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
