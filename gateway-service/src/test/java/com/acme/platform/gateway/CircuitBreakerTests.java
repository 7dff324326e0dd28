package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A downstream that stops answering: its first response timeout opens the breaker, which then fails fast until the
 * service is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "GATEWAY_RESPONSE_TIMEOUT=1s",
        "resilience4j.circuitbreaker.instances.worker-service.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.worker-service.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.worker-service.wait-duration-in-open-state=3s",
        "resilience4j.circuitbreaker.instances.worker-service.permitted-number-of-calls-in-half-open-state=2"})
class CircuitBreakerTests extends GatewayTestSupport {

    @Test
    void afterTheThresholdTheBreakerAnswers503FastAndClosesWhenTheServiceIsBack() throws Exception {
        WORKER.delay(Duration.ofSeconds(30));
        try {
            // One response timeout is enough: a service that hangs is not sent more requests for the open period.
            assertThat(get("/api/analytics/top-products").statusCode()).isEqualTo(504);
            long start = System.nanoTime();
            HttpResponse<String> open = get("/api/analytics/top-products");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(open.statusCode()).isEqualTo(503);
            assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(open.headers().firstValue("Retry-After")).hasValue("3");
            assertThat(open.body()).contains("worker-service is failing (circuit breaker OPEN)");
            assertThat(took).isLessThan(Duration.ofSeconds(1));   // the response timeout; in practice milliseconds
        } finally {
            WORKER.delay(Duration.ZERO);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/analytics/top-products").statusCode() == 200);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/analytics/top-products").statusCode()).isEqualTo(200);
        }
    }
}
