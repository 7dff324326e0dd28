package com.acme.platform.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "PRODUCT_SERVICE_LB_ALGORITHM=weighted", "PRODUCT_SERVICE_1_WEIGHT=3", "PRODUCT_SERVICE_2_WEIGHT=1"})
class WeightedBalancingTests extends GatewayTestSupport {

    @BeforeEach
    void bothInstancesInRotation() {
        awaitInstancesInRotation("product-service", 2);
    }

    @Test
    void weightsThreeToOneSpreadAboutThreeToOne() throws Exception {
        Map<String, Integer> spread = LoadSpread.servedBy(port, "/api/products?limit=1", 1, 100);

        assertThat(spread.get("product-service-1")).isBetween(68, 82);
        assertThat(spread.get("product-service-2")).isBetween(18, 32);
    }
}
