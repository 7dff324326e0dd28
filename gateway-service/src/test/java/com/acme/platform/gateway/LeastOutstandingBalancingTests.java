package com.acme.platform.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Least outstanding requests (power of two choices): a slow instance holds its requests longer and gets fewer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "PRODUCT_SERVICE_LB_ALGORITHM=least-outstanding")
class LeastOutstandingBalancingTests extends GatewayTestSupport {

    @BeforeEach
    void bothInstancesInRotation() {
        awaitInstancesInRotation("product-service", 2);
    }

    @Test
    void anInstanceSlowedBy200msGetsUnderAFifthOfTheTrafficOf16ConcurrentClients() throws Exception {
        PRODUCT_2.delay(Duration.ofMillis(200));
        try {
            Map<String, Integer> spread = LoadSpread.servedBy(port, "/api/products?limit=1", 16, 20);

            assertThat(spread.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(320);
            assertThat(spread.getOrDefault("product-service-2", 0)).isLessThan(64);   // < 20% of 320
        } finally {
            PRODUCT_2.delay(Duration.ZERO);
        }
    }

    @Test
    void equalInstancesUnderConcurrencyBothServe() throws Exception {
        Map<String, Integer> spread = LoadSpread.servedBy(port, "/api/products?limit=1", 8, 20);

        assertThat(spread.keySet()).containsExactlyInAnyOrder("product-service-1", "product-service-2");
    }
}
