package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance dies before the health check notices (interval set to an hour here): reads are retried on the other
 * instance and never fail; writes are not retried (they may have reached the service), so they fail as 503 problems.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "LB_HEALTH_CHECK_INTERVAL=1h")
class IdempotentRetryTests extends GatewayTestSupport {

    @Test
    void getsAreRetriedOnTheLiveInstanceWhilePostsAreNot() throws Exception {
        awaitInstancesInRotation("product-service", 2);
        PRODUCT_2.stop();
        try {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> read = get("/api/products?limit=1");
                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(read.headers().firstValue("X-Served-By")).hasValue("product-service-1");
            }
            int writesBefore = PRODUCT_1.received();
            List<HttpResponse<String>> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                writes.add(send("POST", "/api/products", HttpRequest.BodyPublishers.ofString("{}"),
                        "Content-Type", "application/json", "X-API-Key", ADMIN_KEY));
            }
            List<HttpResponse<String>> failed = writes.stream().filter(w -> w.statusCode() != 200).toList();
            assertThat(failed).isNotEmpty().allSatisfy(w -> {
                assertThat(w.statusCode()).isEqualTo(503);
                assertThat(w.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
            });
            // every POST reached at most one instance: the failed ones were not re-sent to the live one
            assertThat(PRODUCT_1.received() - writesBefore).isEqualTo(10 - failed.size());
        } finally {
            PRODUCT_2.start();
        }
    }
}
