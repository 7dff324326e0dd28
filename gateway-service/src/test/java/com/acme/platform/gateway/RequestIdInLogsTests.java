package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's own log lines carry the request id, also after a request has hopped threads. */
@ExtendWith(OutputCaptureExtension.class)
@Import(RequestIdInLogsTests.ThreadHoppingLogProbe.class)
class RequestIdInLogsTests extends GatewayTestSupport {

    @Test
    void aLogLineWrittenOnAnotherThreadDuringARequestCarriesItsRequestId(CapturedOutput output) throws Exception {
        HttpResponse<String> response = get("/api/products?probe=1", "X-Request-Id", "log-probe-7");

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[gateway-service,log-probe-7,[0-9a-f]{32}\\] .*probe after a thread hop"));
    }

    @Test
    void aRejectedRequestIsLoggedWithItsRequestIdAndStatus(CapturedOutput output) throws Exception {
        HttpResponse<String> response = get("/api/no-such-route", "X-Request-Id", "rejected-9");

        assertThat(response.statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[gateway-service,rejected-9,[^\\]]*\\] .*GET /api/no-such-route -> 404"));
    }

    @Test
    void aFailedProxiedRequestIsLoggedWithItsRequestId(CapturedOutput output) throws Exception {
        WORKER.stop();
        HttpResponse<String> response;
        try {
            response = get("/api/analytics/top-products", "X-Request-Id", "down-5");
        } finally {
            WORKER.start();
        }

        assertThat(response.statusCode()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[gateway-service,down-5,[^\\]]*\\] .*GET /api/analytics/top-products failed: "));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ThreadHoppingLogProbe {

        private static final Logger log = LoggerFactory.getLogger(ThreadHoppingLogProbe.class);

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        WebFilter threadHoppingLogProbe() {
            return (exchange, chain) -> exchange.getRequest().getQueryParams().containsKey("probe")
                    // Mono.delay continues on a Reactor scheduler thread, not the one that received the request.
                    ? Mono.delay(Duration.ofMillis(5)).doOnNext(tick -> log.info("probe after a thread hop"))
                            .then(chain.filter(exchange))
                    : chain.filter(exchange);
        }
    }
}
