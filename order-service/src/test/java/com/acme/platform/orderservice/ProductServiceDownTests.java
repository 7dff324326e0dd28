package com.acme.platform.orderservice;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProductServiceDownTests extends AbstractIntegrationTest {

    @Test
    void productServiceDownAnswers503WithRetryAfterAndStoresNothingUnderTheKey() throws Exception {
        UUID product = CATALOG.add(900, 10);
        String key = UUID.randomUUID().toString();
        String customer = "down-" + UUID.randomUUID();
        PRODUCT_1.stop();
        PRODUCT_2.stop();
        try {
            Instant start = Instant.now();
            var response = postOrder(key, orderBody(customer, product, 1));
            Duration took = Duration.between(start, Instant.now());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(took).as("fails fast, not after a long timeout").isLessThan(Duration.ofSeconds(10));
            assertThat(count("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", key)).isZero();
            assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer)).isZero();
        } finally {
            PRODUCT_1.start();
            PRODUCT_2.start();
        }
        // The key was not used up: once product-service is back, the same request succeeds (after the breaker
        // lets a probe through).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> postOrder(key, orderBody(customer, product, 1)).statusCode() == 201);
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer)).isEqualTo(1);
    }

    @Test
    void oneInstanceDownCostsNoOrderTheOtherAnswersEveryLookup() throws Exception {
        UUID product = CATALOG.add(700, 100);
        String customer = "half-down-" + UUID.randomUUID();
        PRODUCT_1.stop();
        try {
            // Round robin sends every other first attempt to the dead instance; its retry reaches the live one. Twenty
            // orders are more than the breaker's minimum number of calls, so counting each attempt would open it.
            for (int i = 0; i < 20; i++) {
                var response = postOrder(UUID.randomUUID().toString(), orderBody(customer, product, 1));
                assertThat(response.statusCode()).as("order %d with product-service-1 down: %s", i, response.body())
                        .isEqualTo(201);
            }
        } finally {
            PRODUCT_1.start();
        }
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer)).isEqualTo(20);
    }
}
