// Stand-in for product-service's internal API (docs/internal-api.md) for bench/orders.sh, used only while
// product-service on this branch does not serve /internal/** yet. In-memory catalog: 20 products, ample stock.
// Run: java bench/ProductServiceStub.java <port>
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ProductServiceStub {

    static final Map<UUID, Long> PRICES = new ConcurrentHashMap<>();
    static final Map<UUID, String> RESERVATIONS = new ConcurrentHashMap<>();
    static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws IOException {
        for (int i = 0; i < 20; i++) {
            PRICES.put(UUID.nameUUIDFromBytes(("bench-product-" + i).getBytes(StandardCharsets.UTF_8)), 100L + 37L * i);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 512);
        server.createContext("/internal/products", ProductServiceStub::lookup);
        server.createContext("/internal/stock-reservations", ProductServiceStub::reserve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        System.out.println("product-service stub on " + args[0] + ": " + String.join(",", PRICES.keySet().stream().map(UUID::toString).toList()));
    }

    static void lookup(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        StringBuilder items = new StringBuilder();
        for (String raw : query.substring(query.indexOf('=') + 1).split(",")) {
            Long price = PRICES.get(UUID.fromString(raw));
            if (price != null) {
                items.append(items.isEmpty() ? "" : ",").append("{\"id\":\"").append(raw).append("\",\"priceCents\":")
                        .append(price).append(",\"currency\":\"EUR\",\"stock\":1000000000}");
            }
        }
        send(exchange, "{\"items\":[" + items + "]}");
    }

    static void reserve(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = ORDER_ID.matcher(body);
        m.find();
        String orderId = m.group(1);
        String stored = RESERVATIONS.putIfAbsent(UUID.fromString(orderId), "{\"orderId\":\"" + orderId + "\",\"status\":\"RESERVED\"}");
        send(exchange, stored == null ? RESERVATIONS.get(UUID.fromString(orderId)) : stored);
    }

    static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
