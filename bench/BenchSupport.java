// Helpers shared by the order benchmarks (OrdersBench, FaultsBench): HTTP calls through the gateway, SQL reads of
// the services' databases, Redis GETs in plain RESP, percentiles. Found by the JDK's source launcher (JEP 458) next
// to the program it runs: java -cp postgresql.jar bench/OrdersBench.java ...
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class BenchSupport {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private BenchSupport() {
    }

    /** One line of an order: product and quantity. */
    record Line(String productId, int quantity) {
    }

    /** What one POST /api/orders got: status (-1 when no answer came), headers and body, and how long it took. */
    record Reply(int status, String body, HttpResponse<String> response, String error, long micros) {

        String orderId() {
            Matcher m = ID.matcher(body == null ? "" : body);
            return status == 201 && m.find() ? m.group(1) : null;
        }

        /** "201", "503", or the exception's simple name when no answer came. */
        String outcome() {
            return status > 0 ? String.valueOf(status) : error;
        }
    }

    /** 1-3 lines over consecutive products of the list, quantities 1-3. */
    static List<Line> randomLines(List<String> products) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int lines = 1 + random.nextInt(Math.min(3, products.size()));
        int first = random.nextInt(products.size());
        List<Line> result = new ArrayList<>();
        for (int l = 0; l < lines; l++) {
            result.add(new Line(products.get((first + l) % products.size()), 1 + random.nextInt(3)));
        }
        return result;
    }

    /** POST /api/orders with a fresh Idempotency-Key; never throws (a failed call is a Reply with status -1). */
    static Reply postOrder(String gateway, String apiKey, String customerId, List<Line> lines, Duration timeout) {
        StringBuilder items = new StringBuilder();
        for (Line line : lines) {
            items.append(items.isEmpty() ? "" : ",").append("{\"productId\":\"").append(line.productId())
                    .append("\",\"quantity\":").append(line.quantity()).append('}');
        }
        String body = "{\"customerId\":\"" + customerId + "\",\"items\":[" + items + "]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/orders"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response, null, (System.nanoTime() - t0) / 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, null, null, "Interrupted", (System.nanoTime() - t0) / 1000);
        } catch (Exception e) {
            return new Reply(-1, null, null, e.getClass().getSimpleName(), (System.nanoTime() - t0) / 1000);
        }
    }

    /** Creates a product through the gateway with the admin key; returns its id. */
    static String createProduct(String gateway, String adminKey, String sku, long priceCents, int stock) throws Exception {
        String body = "{\"sku\":\"" + sku + "\",\"name\":\"Bench " + sku + "\",\"description\":\"benchmark product\",\"priceCents\":"
                + priceCents + ",\"currency\":\"EUR\",\"stock\":" + stock + "}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/products"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-API-Key", adminKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("could not create a benchmark product: " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static Connection database(int pgPort, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database, "postgres", "postgres");
    }

    interface Row {
        void accept(ResultSet rs) throws Exception;
    }

    static void query(Connection c, String sql, Row row) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    static long count(Connection c, String sql) throws Exception {
        long[] n = {0};
        query(c, sql, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** A SQL IN list of quoted ids (NULL when empty, so the query matches nothing). */
    static String in(List<String> ids) {
        return ids.isEmpty() ? "NULL" : String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

    /** GET of many keys over one connection with plain RESP (the JDK has no Redis client). */
    static Map<String, String> redisGet(int port, List<String> keys) throws Exception {
        Map<String, String> values = new HashMap<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            StringBuilder commands = new StringBuilder();
            for (String key : keys) {
                commands.append("*2\r\n$3\r\nGET\r\n$").append(key.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(key).append("\r\n");
            }
            out.write(commands.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String key : keys) {
                String header = in.readLine();
                if (header.startsWith("$-1")) {
                    continue;
                }
                values.put(key, in.readLine());
            }
        }
        return values;
    }

    static String pct(List<Long> values, int p, double divisor) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return String.format("%.0f", sorted.get(Math.max(0, index)) / divisor);
    }
}
