package com.acme.platform.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The default algorithm: each instance in turn, whatever their speed. */
class RoundRobinBalancingTests extends GatewayTestSupport {

    @BeforeEach
    void bothInstancesInRotation() {
        awaitInstancesInRotation("product-service", 2);
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
