package com.acme.platform.productservice;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping and starting an instance's lifecycle beans (Spring's test contexts are paused and resumed this way) makes
 * Spring's Redis connection factory replace its client; the product cache must keep caching afterwards.
 */
@ExtendWith(DevstackExtension.class)
class CacheAcrossLifecycleRestartTests {

    @Test
    void theCacheKeepsServingHitsAfterTheContextIsStoppedAndStarted() throws Exception {
        try (ProductInstances instance = ProductInstances.start(1, Map.of())) {
            var created = AbstractIntegrationTest.send(instance.port(1), "POST", "/api/products",
                    AbstractIntegrationTest.productJson("LC-" + System.nanoTime(), "Lifecycle", 100, 1));
            JsonNode product = Json.parse(created.body());
            String path = "/api/products/" + product.get("id").asString();

            instance.restartLifecycle(1);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                AbstractIntegrationTest.send(instance.port(1), "GET", path, null);
                assertThat(AbstractIntegrationTest.send(instance.port(1), "GET", path, null).headers()
                        .firstValue("X-Cache")).hasValue("HIT");
            });
        }
    }
}
