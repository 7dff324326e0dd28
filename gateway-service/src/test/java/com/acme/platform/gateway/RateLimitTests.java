package com.acme.platform.gateway;

import com.acme.platform.devstack.DevstackExtension;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SCG's Redis token bucket per authenticated principal (else per address), on the devstack's real Redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "RATE_LIMIT_KEY_RATE=1", "RATE_LIMIT_KEY_BURST=5",
        "gateway.rate-limit.routes.analytics.anonymous.replenish-rate=1",
        "gateway.rate-limit.routes.analytics.anonymous.burst-capacity=3"})
class RateLimitTests extends GatewayTestSupport {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void aRouteWithItsOwnLimitIsLimitedByAddressAndXForwardedForDoesNotOpenANewBucket() throws Exception {
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            // A made-up client address in X-Forwarded-For per request: if it were trusted, each would get a new bucket.
            HttpResponse<String> response = get("/api/analytics/top-products", "X-Forwarded-For", "203.0.113." + i);
            if (response.statusCode() == 429) {
                limited++;
                assertThat(response.body()).contains("address:127.0.0.1").contains("burst 3");
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(5);
        // Routes without their own limit keep the default anonymous bucket (500 req/s, burst 1000).
        assertThat(get("/api/products").statusCode()).isEqualTo(200);
    }

    @Test
    void theBurstPassesThenRequestsGet429WithRetryAfterAndOtherKeysAreUnaffected() throws Exception {
        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(get("/api/products", "X-API-Key", CLIENT_KEY));
        }
        assertThat(burst).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(burst.getFirst().headers().firstValue("X-RateLimit-Burst-Capacity")).hasValue("5");

        HttpResponse<String> limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            HttpResponse<String> next = get("/api/products", "X-API-Key", CLIENT_KEY);
            if (next.statusCode() == 429) {
                limited = next;
            }
        }
        assertThat(limited).as("a request over the burst is limited").isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(limited.body()).contains("\"status\":429").contains("principal:api-key-client");

        // The limit is per principal: the admin key still has its whole burst.
        assertThat(get("/api/products", "X-API-Key", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aMadeUpKeyIs401AndOpensNoBucket() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/products", "X-API-Key", "made-up-" + i).statusCode()).isEqualTo(401);
        }
        List<String> keys = redis.keys("request_rate_limiter*").collectList().block(Duration.ofSeconds(5));
        assertThat(keys).noneMatch(key -> key.contains("made-up"));
    }

    @Test
    void whenRedisIsDownRequestsPassUnlimitedAndLimitingResumesWhenItIsBack() throws Exception {
        DevstackExtension.shared().stopRedis();
        try {
            for (int i = 0; i < 15; i++) {
                HttpResponse<String> response = get("/api/products", "X-API-Key", ADMIN_KEY);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("-1");
            }
        } finally {
            DevstackExtension.shared().startRedis();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (int i = 0; i < 10; i++) {
                if (get("/api/products", "X-API-Key", ADMIN_KEY).statusCode() == 429) {
                    return true;
                }
            }
            return false;
        });
    }
}
