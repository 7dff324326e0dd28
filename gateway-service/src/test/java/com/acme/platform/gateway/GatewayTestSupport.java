package com.acme.platform.gateway;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * Boots the gateway on a random port with the devstack's real Redis (rate limiting), routed to one set of real HTTP
 * servers standing in for the services ({@link #PRODUCT_1}, {@link #PRODUCT_2}, {@link #ORDERS}, {@link #WORKER}),
 * started once per test JVM.
 *
 * <p>Every test class gets the same {@code @DynamicPropertySource} from here and declares none of its own, so the
 * classes that need no other setting share one cached gateway context; a class that sets properties (an algorithm,
 * a limit) gets its own. A test that slows or stops a stand-in restores it before it returns. One CORS origin is
 * allowed ({@link #ALLOWED_ORIGIN}, for the preflight tests); requests without an {@code Origin} header ignore it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gateway.security.cors-allowed-origins=" + GatewayTestSupport.ALLOWED_ORIGIN)
abstract class GatewayTestSupport {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String ADMIN_KEY = "test-admin-key";
    static final String CLIENT_KEY = "test-client-key";
    /** The issuer the gateway checks tokens against and obtains API-key clients' tokens from. */
    static final TestTokenIssuer TOKENS = TestTokenIssuer.shared()
            .registerClient("api-key-admin", ADMIN_KEY, List.of("ADMIN"), List.of())
            .registerClient("api-key-client", CLIENT_KEY, List.of("CLIENT"), List.of("orders:any-customer"));
    static final String ALLOWED_ORIGIN = "https://shop.example";

    static final StubService PRODUCT_1 = new StubService("product-service-1");
    static final StubService PRODUCT_2 = new StubService("product-service-2");
    static final StubService ORDERS = new StubService("order-service");
    static final StubService WORKER = new StubService("worker-service");
    static final List<StubService> ALL_SERVICES = List.of(PRODUCT_1, PRODUCT_2, ORDERS, WORKER);

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
    static void devstackAndServices(DynamicPropertyRegistry registry) {
        registry.add("REDIS_HOST", () -> DevstackExtension.shared().redisHost());
        registry.add("REDIS_PORT", () -> DevstackExtension.shared().redisPort());
        registry.add("PRODUCT_SERVICE_1_URL", PRODUCT_1::url);
        registry.add("PRODUCT_SERVICE_2_URL", PRODUCT_2::url);
        registry.add("ORDER_SERVICE_URL", ORDERS::url);
        registry.add("WORKER_SERVICE_URL", WORKER::url);
        registry.add("PLATFORM_ADMIN_API_KEY", () -> ADMIN_KEY);
        registry.add("PLATFORM_CLIENT_API_KEY", () -> CLIENT_KEY);
        TOKENS.register(registry);
    }

    /** Every stand-in at full speed and answering, whatever the previous test did to it. */
    @AfterEach
    void servicesBackToNormal() {
        for (StubService service : ALL_SERVICES) {
            service.delay(Duration.ZERO);
            service.refuse(Duration.ZERO);
            service.ensureStarted();
        }
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
