package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused credentials count against the caller's address: guessing API keys or tokens is rate limited like any
 * anonymous call (Spring Security answers before the routed rate limit would run, so the 401 path counts itself).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "RATE_LIMIT_ANONYMOUS_RATE=1", "RATE_LIMIT_ANONYMOUS_BURST=3"})
class RefusedRequestsRateLimitTests extends GatewayTestSupport {

    @Test
    void guessingKeysIsLimitedPerAddress() throws Exception {
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = get("/api/admin/dlq", "X-API-Key", "guess-" + i);
            if (response.statusCode() == 429) {
                limited++;
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains("Too many refused requests from address:127.0.0.1");
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(5);
    }
}
