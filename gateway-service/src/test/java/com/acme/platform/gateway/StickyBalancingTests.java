package com.acme.platform.gateway;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sticky by client: one caller (principal, else address) stays on one instance. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "PRODUCT_SERVICE_LB_ALGORITHM=sticky")
class StickyBalancingTests extends GatewayTestSupport {

    @AutoClose
    static final StubService PRODUCT_1 = new StubService("product-service-1");
    @AutoClose
    static final StubService PRODUCT_2 = new StubService("product-service-2");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        routeProductServiceTo(registry, PRODUCT_1, PRODUCT_2);
    }

    @BeforeEach
    void bothInstancesInRotation() {
        awaitInstancesInRotation("product-service", 2);
    }

    @Test
    void eachClientStaysOnOneInstance() throws Exception {
        for (String[] client : new String[][]{{}, {"X-API-Key", CLIENT_KEY}, {"X-API-Key", ADMIN_KEY}}) {
            Map<String, Integer> spread = LoadSpread.servedBy(port, "/api/products?limit=1", 4, 10, client);
            assertThat(spread).hasSize(1);
            assertThat(spread.values().iterator().next()).isEqualTo(40);
        }
    }
}
