package com.acme.platform.orderservice;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.DevstackProperties;
import com.acme.platform.testsupport.LocalHttp;
import com.acme.platform.testsupport.ProductServiceStub;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import java.util.UUID;

/** Boots order-service on a random port against the shared devstack's real PostgreSQL, Redis and Kafka. */
@ExtendWith(DevstackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractIntegrationTest {

    protected static final HttpClient HTTP = LocalHttp.CLIENT;

    /** Two product-service instances over one in-memory catalog, for client-side load balancing. */
    protected static final ProductServiceStub.Catalog CATALOG = new ProductServiceStub.Catalog();
    protected static final ProductServiceStub PRODUCT_1 = new ProductServiceStub("product-service-1", CATALOG);
    protected static final ProductServiceStub PRODUCT_2 = new ProductServiceStub("product-service-2", CATALOG);

    @LocalServerPort
    protected int port;

    /** Every response this test receives from the service is checked against its OpenAPI document. */
    @org.junit.jupiter.api.BeforeEach
    void enforceApiContract() {
        com.acme.platform.testsupport.ApiContract.enforce(port);
    }

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void devstackProperties(DynamicPropertyRegistry registry) {
        DevstackProperties.register(registry, "orders");
        ProductServiceStub.registerAsInstances(registry, PRODUCT_1, PRODUCT_2);
    }

    protected HttpResponse<String> postOrder(String key, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static String orderBody(String customerId, UUID productId, int quantity) {
        return "{\"customerId\":\"" + customerId + "\",\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}";
    }

    protected long count(String sql, Object... params) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        for (Object param : params) {
            spec = spec.param(param);
        }
        return spec.query(Long.class).single();
    }

    protected HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return LocalHttp.get(port, path, headers);
    }
}
