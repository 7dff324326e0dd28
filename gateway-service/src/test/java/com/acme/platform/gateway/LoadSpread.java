package com.acme.platform.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends requests through the gateway and counts which instance ({@code X-Served-By}) answered each. */
final class LoadSpread {

    private LoadSpread() {
    }

    /** {@code clients} concurrent callers, each sending {@code perClient} requests back to back. */
    static Map<String, Integer> servedBy(int port, String path, int clients, int perClient, String... headers) throws Exception {
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(callers.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(20));
                        if (headers.length > 0) {
                            request.headers(headers);
                        }
                        HttpResponse<String> response = GatewayTestSupport.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        String instance = response.statusCode() == 200
                                ? response.headers().firstValue("X-Served-By").orElse("none")
                                : "status-" + response.statusCode();
                        counts.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        Map<String, Integer> result = new ConcurrentHashMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }
}
