package com.acme.platform.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The default algorithm: each instance in turn, whatever their speed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoundRobinBalancingTests extends GatewayTestSupport {

    static final StubService PRODUCT_1 = new StubService("product-service-1");
    static final StubService PRODUCT_2 = new StubService("product-service-2");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("PRODUCT_SERVICE_1_URL", PRODUCT_1::url);
        registry.add("PRODUCT_SERVICE_2_URL", PRODUCT_2::url);
    }

    @AfterEach
    void fullSpeed() {
        PRODUCT_2.delay(Duration.ZERO);
    }

    @BeforeEach
    void bothInstancesInRotation() {
        awaitInstancesInRotation("product-service", 2);
    }

    @AfterAll
    static void stopBackends() {
        PRODUCT_1.close();
        PRODUCT_2.close();
    }

    @Test
    void hundredRequestsSpreadEvenlyOverBothInstances() throws Exception {
        Map<String, Integer> spread = LoadSpread.servedBy(port, "/api/products?limit=1", 1, 100);

        assertThat(spread.keySet()).containsExactlyInAnyOrder("product-service-1", "product-service-2");
        assertThat(spread.get("product-service-1")).isBetween(45, 55);
        assertThat(spread.get("product-service-2")).isBetween(45, 55);
    }

    @Test
    void aSlowInstanceStillGetsAboutHalfOfTheTrafficOfConcurrentClients() throws Exception {
        PRODUCT_2.delay(Duration.ofMillis(200));

        Map<String, Integer> spread = LoadSpread.servedBy(port, "/api/products?limit=1", 16, 10);

        assertThat(spread.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(160);
        assertThat(spread.get("product-service-2")).isBetween(64, 96);   // 40%..60% of 160
    }
}
