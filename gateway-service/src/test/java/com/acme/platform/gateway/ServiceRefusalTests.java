package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that refuses at once with 503 + Retry-After (e.g. its database hangs) is passed through as it answered,
 * and does not open the gateway's breaker for that service: the requests it can still serve keep reaching it.
 */
// The same settings as CircuitBreakerTests (a sensitive worker-service breaker), so both share one gateway context.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "GATEWAY_RESPONSE_TIMEOUT=1s",
        "resilience4j.circuitbreaker.instances.worker-service.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.worker-service.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.worker-service.wait-duration-in-open-state=3s",
        "resilience4j.circuitbreaker.instances.worker-service.permitted-number-of-calls-in-half-open-state=2"})
class ServiceRefusalTests extends GatewayTestSupport {

    @Test
    void aServices503WithRetryAfterPassesThroughAndDoesNotOpenTheBreaker() throws Exception {
        WORKER.refuse(Duration.ofSeconds(7));
        try {
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> refused = get("/api/analytics/top-products");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(refused.body()).contains("worker-service cannot do this now");
            }
        } finally {
            WORKER.refuse(Duration.ZERO);
        }
        // The breaker stayed closed: the very next request reaches the service.
        assertThat(get("/api/analytics/top-products").statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceThatIsGoneAnswers503WithRetryAfterNot500() throws Exception {
        WORKER.stop();
        try {
            // Nothing listens (a killed instance the health check has not dropped yet), or the health check dropped it:
            // either way the service is unavailable, and the answer says when to come back.
            HttpResponse<String> gone = get("/api/analytics/top-products");
            assertThat(gone.statusCode()).isEqualTo(503);
            assertThat(gone.headers().firstValue("Retry-After")).isPresent();
            assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        } finally {
            WORKER.start();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/analytics/top-products").statusCode() == 200);
    }
}
