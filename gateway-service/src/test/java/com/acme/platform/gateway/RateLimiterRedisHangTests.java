package com.acme.platform.gateway;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.Devstack.Server;
import com.acme.platform.devstack.DevstackExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis hangs (frozen: connections open, no answer): the rate limiter's checks time out (250 ms) for the first
 * requests only, then requests skip the limiter (fail open) at full speed; a background check finds Redis again.
 */
class RateLimiterRedisHangTests extends GatewayTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void aHungRedisCostsTheFirstRequestsTheCheckTimeoutThenRequestsSkipTheLimiterUntilRedisAnswers() throws Exception {
        awaitInstancesInRotation("product-service", 2);
        assertThat(get("/api/products").headers().firstValue("X-RateLimit-Remaining")).isPresent();
        Devstack devstack = DevstackExtension.shared();
        List<Long> millis = new ArrayList<>();
        devstack.freeze(Server.REDIS);
        try {
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = get("/api/products");
                millis.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(response.statusCode()).isEqualTo(200);
            }
            assertThat(available()).isZero();
        } finally {
            devstack.resume(Server.REDIS);
        }
        System.out.printf("[hung redis, gateway] 20 requests: %s ms%n", millis);
        assertThat(millis.stream().filter(ms -> ms >= 240).count()).as("requests that waited for Redis").isLessThanOrEqualTo(3);
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));

        // The probe rides on traffic: keep sending until a background check has found Redis again.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            get("/api/products");
            return available() == 1;
        });
        assertThat(get("/api/products").headers().firstValue("X-RateLimit-Remaining")).hasValueSatisfying(
                remaining -> assertThat(remaining).isNotEqualTo("-1"));
    }

    private double available() {
        return meters.get("gateway.rate.limit.redis.available").gauge().value();
    }
}
