package com.acme.platform.gateway;

import com.acme.platform.devstack.DevstackExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Boots the gateway on a random port with the devstack's real Redis (rate limiting); each test class starts its own
 * real HTTP servers for the services and points the gateway at them with {@code @DynamicPropertySource}.
 */
abstract class GatewayTestSupport {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String ADMIN_KEY = "demo-admin-key";
    static final String CLIENT_KEY = "demo-client-key";

    @LocalServerPort
    int port;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    /** Waits until the health checks have admitted {@code count} instances of the service into rotation. */
    void awaitInstancesInRotation(String serviceId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<ServiceInstance> instances = loadBalancers.getLazyProvider(serviceId, ServiceInstanceListSupplier.class)
                    .getObject().get().blockFirst(Duration.ofSeconds(5));
            // distinct ids: the weighted supplier repeats an instance once per unit of weight
            return instances != null && instances.stream().map(ServiceInstance::getInstanceId).distinct().count() == count;
        });
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("REDIS_HOST", () -> DevstackExtension.shared().redisHost());
        registry.add("REDIS_PORT", () -> DevstackExtension.shared().redisPort());
    }

    /**
     * Points the gateway's two product-service instances ({@code PRODUCT_SERVICE_1_URL}, {@code PRODUCT_SERVICE_2_URL})
     * at these servers; called from each test class's own {@code @DynamicPropertySource} method, as each class
     * starts its own servers.
     */
    static void routeProductServiceTo(DynamicPropertyRegistry registry, StubService first, StubService second) {
        registry.add("PRODUCT_SERVICE_1_URL", first::url);
        registry.add("PRODUCT_SERVICE_2_URL", second::url);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request line byte for byte, like {@code curl --path-as-is}; returns the whole raw response. */
    String raw(String requestTarget) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static int statusOf(String rawResponse) {
        return Integer.parseInt(rawResponse.substring(9, 12));
    }
}
