import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark backend for bench/gateway.sh: answers every request after a fixed delay with a fixed-size JSON body,
 * like the 50 ms / 30 KB backend of Spring Cloud Gateway's published benchmark. The delay is scheduled, not slept,
 * so concurrent requests overlap as they would on a real service waiting on I/O. Health paths answer at once.
 * Run: java bench/DelayServer.java <port> <delay-ms> <body-bytes>
 */
public class DelayServer {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delayMs = Long.parseLong(args[1]);
        int bodyBytes = Integer.parseInt(args[2]);
        byte[] body = body(bodyBytes);
        ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().startsWith("/actuator/")) {
                respond(exchange, "{\"status\":\"UP\"}".getBytes());
            } else {
                later.schedule(() -> respond(exchange, body), delayMs, TimeUnit.MILLISECONDS);
            }
        });
        server.start();
        System.out.println("delay server on " + port + ": " + delayMs + " ms, " + bodyBytes + " bytes");
    }

    private static void respond(HttpExchange exchange, byte[] body) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Served-By", "delay-server");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // client went away
        }
    }

    private static byte[] body(int size) {
        String head = "{\"items\":[],\"padding\":\"";
        String tail = "\"}";
        byte[] bytes = new byte[Math.max(size, head.length() + tail.length())];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy(head.getBytes(), 0, bytes, 0, head.length());
        System.arraycopy(tail.getBytes(), 0, bytes, bytes.length - tail.length(), tail.length());
        return bytes;
    }
}
