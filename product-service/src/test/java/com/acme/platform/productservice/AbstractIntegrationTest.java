package com.acme.platform.productservice;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.DevstackProperties;
import com.acme.platform.testsupport.Json;
import com.acme.platform.testsupport.LocalHttp;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Boots product-service on a random port against the shared devstack's real PostgreSQL, Redis and Kafka. */
@ExtendWith(DevstackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractIntegrationTest {

    protected static final HttpClient HTTP = LocalHttp.CLIENT;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void devstackProperties(DynamicPropertyRegistry registry) {
        DevstackProperties.register(registry, "products");
    }

    /** Every response this test receives from the service is checked against its OpenAPI document. */
    @org.junit.jupiter.api.BeforeEach
    void enforceApiContract() {
        com.acme.platform.testsupport.ApiContract.enforce(port);
    }

    /** The cache connects to Redis in the background; tests start once reads stop bypassing it. */
    @org.junit.jupiter.api.BeforeEach
    void awaitCacheConnected() {
        awaitCacheConnected(port);
    }

    /** Waits until the instance on {@code port} reads through Redis; on timeout, says what it last answered. */
    static void awaitCacheConnected(int port) {
        java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        HttpResponse<String> probe = LocalHttp.get(port, "/api/products/" + java.util.UUID.randomUUID());
                        last.set(probe);
                        return !"BYPASS".equals(probe.headers().firstValue("X-Cache").orElse("BYPASS"));
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            HttpResponse<String> probe = last.get();
            throw new AssertionError("the product cache still bypasses Redis; last probe: "
                    + (probe == null ? "none" : probe.statusCode() + " " + probe.headers().map() + " " + probe.body())
                    + "; cache meters: " + cacheMeters(port), e);
        }
    }

    private static String cacheMeters(int port) {
        try {
            return LocalHttp.get(port, "/actuator/prometheus").body().lines().filter(line -> line.startsWith("cache_")
                    && !line.contains("_bucket")).collect(java.util.stream.Collectors.joining("; "));
        } catch (Exception e) {
            return e.toString();
        }
    }

    protected HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return LocalHttp.get(port, path, headers);
    }

    protected HttpResponse<String> send(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        return send(port, method, path, json, headers);
    }

    protected static HttpResponse<String> send(int port, String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a product through the API and returns its JSON. */
    protected tools.jackson.databind.JsonNode createProduct(String namePrefix, long priceCents, int stock) throws Exception {
        String sku = "T-" + java.util.UUID.randomUUID();
        HttpResponse<String> created = send("POST", "/api/products", """
                {"sku":"%s","name":"%s","description":"test product","priceCents":%d,"currency":"EUR","stock":%d}
                """.formatted(sku, namePrefix, priceCents, stock));
        if (created.statusCode() != 201) {
            throw new AssertionError("create failed: " + created.statusCode() + " " + created.body());
        }
        return Json.parse(created.body());
    }

    protected static String productJson(String sku, String name, long priceCents, int stock) {
        return """
                {"sku":"%s","name":"%s","description":"d","priceCents":%d,"currency":"EUR","stock":%d}
                """.formatted(sku, name, priceCents, stock);
    }
}
