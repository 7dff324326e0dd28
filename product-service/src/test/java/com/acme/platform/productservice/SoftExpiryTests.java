package com.acme.platform.productservice;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Past the soft TTL, concurrent readers on both instances get STALE at once, and one background load refreshes. */
@ExtendWith(DevstackExtension.class)
class SoftExpiryTests {

    @Test
    void concurrentReadsAfterTheSoftTtlGetStaleAtOnceWithExactlyOneBackgroundLoad() throws Exception {
        try (ProductInstances instances = ProductInstances.start(2, Map.of(
                "PRODUCT_CACHE_SOFT_TTL", "2s", "PRODUCT_CACHE_XFETCH_BETA", "0"))) {
            HttpResponse<String> created = AbstractIntegrationTest.send(instances.port(1), "POST", "/api/products",
                    AbstractIntegrationTest.productJson("SOFT-" + System.nanoTime(), "Soft", 100, 1));
            String id = Json.parse(created.body()).get("id").asString();
            assertThat(AbstractIntegrationTest.send(instances.port(1), "GET", "/api/products/" + id, null).statusCode()).isEqualTo(200);
            long filledAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > filledAt + 2_500);

            DatabaseLoads.reset();
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 100; i++) {
                    int port = instances.port(1 + i % 2);
                    responses.add(clients.submit(() -> AbstractIntegrationTest.send(port, "GET", "/api/products/" + id, null)));
                }
            }
            int stale = 0;
            for (Future<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
                String outcome = response.get().headers().firstValue("X-Cache").orElse("");
                // Nobody waits for the refresh (no MISS); once the one background load has landed, later readers hit.
                assertThat(outcome).isIn("STALE", "HIT");
                stale += outcome.equals("STALE") ? 1 : 0;
            }
            assertThat(stale).isPositive();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                    "HIT".equals(AbstractIntegrationTest.send(instances.port(2), "GET", "/api/products/" + id, null)
                            .headers().firstValue("X-Cache").orElse("")));
            assertThat(DatabaseLoads.count()).as("one background refresh across both instances").isEqualTo(1);
        }
    }
}
