package com.acme.platform.workerservice;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.DevstackProperties;
import com.acme.platform.testsupport.LocalHttp;
import com.acme.platform.testsupport.ProductServiceStub;
import org.junit.jupiter.api.extension.ExtendWith;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
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
import java.util.Map;
import java.util.UUID;

/** Boots worker-service on a random port against the shared devstack's real PostgreSQL, Redis and Kafka. */
@ExtendWith(DevstackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractIntegrationTest {

    protected static final HttpClient HTTP = LocalHttp.CLIENT;

    /** Two product-service instances over one in-memory catalog, for client-side load balancing. */
    protected static final ProductServiceStub.Catalog CATALOG = new ProductServiceStub.Catalog();
    protected static final ProductServiceStub PRODUCT_1 = new ProductServiceStub("product-service-1", CATALOG);
    protected static final ProductServiceStub PRODUCT_2 = new ProductServiceStub("product-service-2", CATALOG);
    private static KafkaProducer<String, String> producer;

    @LocalServerPort
    protected int port;

    /** Every response this test receives from the service is checked against its OpenAPI document. */
    @org.junit.jupiter.api.BeforeEach
    void enforceApiContract() {
        com.acme.platform.testsupport.ApiContract.enforce(port);
    }

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected StringRedisTemplate redis;

    @DynamicPropertySource
    static void devstackProperties(DynamicPropertyRegistry registry) {
        DevstackProperties.register(registry, "workers");
        ProductServiceStub.registerAsInstances(registry, PRODUCT_1, PRODUCT_2);
    }

    protected static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackExtension.shared().kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }

    /** An OrderPlaced event as order-service's outbox relay publishes it. */
    protected static String orderPlaced(UUID eventId, UUID orderId, String customerId, UUID productId, int quantity, long unitPriceCents) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"OrderPlaced\",\"occurredAt\":\"2026-11-23T08:00:00Z\","
                + "\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customerId + "\",\"items\":[{\"productId\":\""
                + productId + "\",\"quantity\":" + quantity + ",\"unitPriceCents\":" + unitPriceCents + "}],"
                + "\"totalCents\":" + (quantity * unitPriceCents) + ",\"currency\":\"EUR\"}";
    }

    protected static void publish(String topic, String key, String value) throws Exception {
        producer().send(new ProducerRecord<>(topic, key, value)).get();
    }

    protected long count(String sql, Object... params) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        for (Object param : params) {
            spec = spec.param(param);
        }
        return spec.query(Long.class).single();
    }

    protected HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return LocalHttp.get(port, path, headers);
    }
}
