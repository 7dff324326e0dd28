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
        // What a request costs on this machine right now, with Redis answering: the yardstick for "full speed".
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            assertThat(get("/api/products").statusCode()).isEqualTo(200);
            baseline.add((System.nanoTime() - t0) / 1_000_000);
        }
        long slow = baseline.stream().sorted().toList().get(17) + 200; // p90 of the baseline + 200 ms
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
        System.out.printf("[hung redis, gateway] 20 requests: %s ms (Redis answering: %s ms)%n", millis, baseline);
        // Two checks wait the 250 ms command timeout, then the breaker skips Redis: later requests cost what they
        // cost with Redis answering. A busy machine adds noise of its own, hence the measured yardstick.
        assertThat(millis.stream().filter(ms -> ms >= slow).count()).as("requests slower than " + slow + " ms")
                .isLessThanOrEqualTo(3);
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
