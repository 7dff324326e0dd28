package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Load shedding: more concurrent callers than the downstream's bulkhead admits. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "resilience4j.bulkhead.instances.order-service.max-concurrent-calls=4")
class BulkheadTests extends GatewayTestSupport {

    record Timed(HttpResponse<String> response, Duration took) {
    }

    @Test
    void theExcessGets503WithRetryAfterAtOnceWhileAdmittedRequestsComplete() throws Exception {
        Duration slow = Duration.ofSeconds(3);
        ORDERS.delay(slow);
        List<Timed> results = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Timed>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(callers.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> response = get("/api/orders/7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11", "X-API-Key", CLIENT_KEY);
                    return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
                }));
            }
            for (Future<Timed> call : calls) {
                results.add(call.get());
            }
        } finally {
            ORDERS.delay(Duration.ZERO);
        }

        List<Timed> admitted = results.stream().filter(t -> t.response().statusCode() == 200).toList();
        List<Timed> shed = results.stream().filter(t -> t.response().statusCode() == 503).toList();
        assertThat(admitted.size() + shed.size()).isEqualTo(12);
        assertThat(admitted).hasSizeGreaterThanOrEqualTo(4);
        assertThat(shed).isNotEmpty().allSatisfy(t -> {
            assertThat(t.response().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(t.response().body()).contains("order-service already has 4 requests in flight");
            assertThat(t.took()).isLessThan(slow);   // answered at once, not queued behind the slow calls
        });
    }
}
