package com.acme.platform.productservice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log line written while serving a request carries the request id and the trace id side by side
 * (logging.pattern.correlation), so a line found in the logs leads to its trace in Jaeger and back.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(TraceIdInLogsTests.LogProbe.class)
class TraceIdInLogsTests extends AbstractIntegrationTest {

    @Test
    void logLinesOfARequestCarryTheRequestIdAndATraceId(CapturedOutput output) throws Exception {
        var response = get("/test/log-probe", "X-Request-Id", "trace-probe-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(output.getOut()).containsPattern(
                "\\[product-service-\\d,trace-probe-1,[0-9a-f]{32}] .*log probe");
    }

    @RestController
    static class LogProbe {
        private static final Logger log = LoggerFactory.getLogger(LogProbe.class);

        @GetMapping("/test/log-probe")
        String probe() {
            log.info("log probe");
            return "ok";
        }
    }
}
