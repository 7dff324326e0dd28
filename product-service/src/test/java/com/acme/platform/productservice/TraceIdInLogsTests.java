package com.acme.platform.productservice;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log line written while serving a request carries the request id and the trace id side by side
 * (logging.pattern.correlation), and the trace id is the caller's (W3C traceparent, as the gateway sends it), so
 * one id ties the gateway's and the services' lines together and leads to the trace in Jaeger. Without
 * TRACING_EXPORT_ENABLED nothing is exported (./local.sh and the tests run without a collector).
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(TraceIdInLogsTests.LogProbe.class)
class TraceIdInLogsTests extends AbstractIntegrationTest {

    static final String CALLERS_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Autowired
    ApplicationContext context;

    @Test
    void logLinesOfARequestCarryTheRequestIdAndATraceId(CapturedOutput output) throws Exception {
        var response = get("/test/log-probe", "X-Request-Id", "trace-probe-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(output.getOut()).containsPattern("\\[product-service-\\d,trace-probe-1,[0-9a-f]{32}] .*log probe");
    }

    @Test
    void theTraceContinuesTheCallersTraceparent(CapturedOutput output) throws Exception {
        var response = get("/test/log-probe", "X-Request-Id", "trace-probe-2",
                "traceparent", "00-" + CALLERS_TRACE_ID + "-00f067aa0ba902b7-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(output.getOut()).containsPattern(
                "\\[product-service-\\d,trace-probe-2," + CALLERS_TRACE_ID + "] .*log probe");
    }

    @Test
    void noSpanExporterUnlessTracingExportIsEnabled() {
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
    }

    @RestController
    static class LogProbe {
        private static final Logger log = LoggerFactory.getLogger(LogProbe.class);

        // text/plain declared, so the document springdoc serves for this test context describes what it answers.
        @GetMapping(path = "/test/log-probe", produces = "text/plain")
        String probe() {
            log.info("log probe");
            return "ok";
        }
    }
}
