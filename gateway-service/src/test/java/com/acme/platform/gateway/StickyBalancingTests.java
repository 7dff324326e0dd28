package com.acme.platform.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sticky by client: one caller (principal, else address) stays on one instance. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "PRODUCT_SERVICE_LB_ALGORITHM=sticky")
class StickyBalancingTests extends GatewayTestSupport {

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
