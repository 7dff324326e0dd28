package com.acme.platform.gateway;

import com.acme.platform.devstack.DevstackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SCG's Redis token bucket per authenticated principal (else per address), on the devstack's real Redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "RATE_LIMIT_KEY_RATE=1", "RATE_LIMIT_KEY_BURST=5"})
class RateLimitTests extends GatewayTestSupport {

    static final StubService PRODUCT_1 = new StubService("product-service-1");
    static final StubService PRODUCT_2 = new StubService("product-service-2");

    @Autowired
    ReactiveStringRedisTemplate redis;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("PRODUCT_SERVICE_1_URL", PRODUCT_1::url);
        registry.add("PRODUCT_SERVICE_2_URL", PRODUCT_2::url);
    }

    @AfterAll
    static void stopBackends() {
        PRODUCT_1.close();
        PRODUCT_2.close();
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
        assertThat(limited.body()).contains("\"status\":429").contains("principal:client");

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
