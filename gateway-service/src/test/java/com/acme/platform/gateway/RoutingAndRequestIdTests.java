package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingAndRequestIdTests extends GatewayTestSupport {

    @LocalManagementPort
    int managementPort;

    @Test
    void productsRouteReachesProductServiceWithAGeneratedRequestIdThatIsForwardedAndEchoed() throws Exception {
        HttpResponse<String> response = get("/api/products");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValueSatisfying(
                name -> assertThat(name).startsWith("product-service-"));
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(response.body()).contains("\"receivedRequestId\":\"" + requestId + "\"").contains("\"items\":[]");
    }

    @Test
    void clientRequestIdIsKept() throws Exception {
        HttpResponse<String> response = get("/api/products?limit=5", "X-Request-Id", "client-chosen-42");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-chosen-42");
        assertThat(response.body()).contains("\"receivedRequestId\":\"client-chosen-42\"");
    }

    @Test
    void unsafeClientRequestIdIsReplaced() throws Exception {
        HttpResponse<String> response = get("/api/products", "X-Request-Id", "evil id with spaces");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void actuatorIsNotReachableThroughThePublicPortButIsOnTheManagementPort() throws Exception {
        HttpResponse<String> publicPort = get("/actuator/health");
        assertThat(publicPort.statusCode()).isEqualTo(404);
        assertThat(publicPort.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(publicPort.headers().firstValue("X-Request-Id")).isPresent();

        int publicPortNumber = port;
        port = managementPort;
        try {
            HttpResponse<String> management = get("/actuator/health");
            assertThat(management.statusCode()).isEqualTo(200);
            assertThat(management.body()).contains("\"UP\"");
        } finally {
            port = publicPortNumber;
        }
    }

    @Test
    void managementPortExportsGatewayResilienceAndRateLimitMeters() throws Exception {
        get("/api/products");
        int publicPortNumber = port;
        port = managementPort;
        try {
            String metrics = get("/actuator/prometheus").body();
            assertThat(metrics).contains("resilience4j_circuitbreaker_state{")
                    .contains("resilience4j_bulkhead_available_concurrent_calls{")
                    .contains("gateway_rate_limit_requests_total{")
                    .contains("spring_cloud_gateway_requests_seconds_count{");
        } finally {
            port = publicPortNumber;
        }
    }

    @Test
    void unknownPathIsA404ProblemCarryingTheRequestId() throws Exception {
        HttpResponse<String> response = get("/api/unknown", "X-Request-Id", "unknown-path-1");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("unknown-path-1");
        assertThat(response.body()).contains("\"status\":404").contains("No API route matches GET /api/unknown");
    }
}
