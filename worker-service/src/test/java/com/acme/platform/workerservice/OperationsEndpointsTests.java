package com.acme.platform.workerservice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsEndpointsTests extends AbstractIntegrationTest {

    @Test
    void livenessAndReadinessAreUp() throws Exception {
        assertThat(get("/actuator/health/liveness").body()).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness").body()).contains("\"UP\"");
    }

    @Test
    void prometheusEndpointExportsMetricsTaggedWithTheInstance() throws Exception {
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("instance=\"worker-service\"");
    }

    @Test
    void unknownPathIsAProblemWithTheRequestId() throws Exception {
        var response = get("/api/nothing-here", "X-Request-Id", "ops-404");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("ops-404");
    }
}
