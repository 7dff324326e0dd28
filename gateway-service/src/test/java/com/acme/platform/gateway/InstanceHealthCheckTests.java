package com.acme.platform.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health checks take a dead instance out of rotation and bring it back when it answers again. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "LB_HEALTH_CHECK_INTERVAL=1s")
class InstanceHealthCheckTests extends GatewayTestSupport {

    @BeforeEach
    void bothInstancesInRotation() {
        awaitInstancesInRotation("product-service", 2);
    }

    @Test
    void aKilledInstanceLeavesRotationWithoutFailedRequestsAndReturnsWhenRestarted() throws Exception {
        assertThat(LoadSpread.servedBy(port, "/api/products", 1, 10)).containsKeys("product-service-1", "product-service-2");

        PRODUCT_2.stop();
        try {
            // After the health-check interval the load balancer's list holds only instance 1 (asked of the list
            // itself: answers alone cannot tell, the gateway's retries hide the dead instance from most requests) ...
            awaitInstancesInRotation("product-service", 1);
            // ... and from then on no client request fails.
            assertThat(LoadSpread.servedBy(port, "/api/products", 4, 25)).isEqualTo(Map.of("product-service-1", 100));
        } finally {
            PRODUCT_2.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() ->
                LoadSpread.servedBy(port, "/api/products", 1, 10).containsKey("product-service-2"));
    }
}
