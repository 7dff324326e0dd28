package com.acme.platform.testsupport;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service answers to operators, whatever it does: liveness and readiness probes, Prometheus metrics
 * tagged with its instance name, and an RFC 9457 problem (carrying the request id) for a path it does not know.
 *
 * <p>A JUnit test interface: a service's {@code OperationsEndpointsTests} extends its own
 * {@code AbstractIntegrationTest}, implements this, and says which port and instance name to check; it adds the
 * service's own operations tests (e.g. its metric names) beside these.
 */
public interface OperationsEndpointsContract {

    /** The port the service under test listens on. */
    int servicePort();

    /** The {@code instance} tag its meters carry, e.g. {@code order-service} or {@code product-service-1}. */
    String instanceName();

    @Test
    default void livenessAndReadinessAreUp() throws Exception {
        assertThat(LocalHttp.get(servicePort(), "/actuator/health/liveness").body()).contains("\"UP\"");
        assertThat(LocalHttp.get(servicePort(), "/actuator/health/readiness").body()).contains("\"UP\"");
    }

    @Test
    default void prometheusEndpointExportsMetricsTaggedWithTheInstance() throws Exception {
        String metrics = LocalHttp.get(servicePort(), "/actuator/prometheus").body();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("instance=\"" + instanceName() + "\"");
    }

    @Test
    default void unknownPathIsAProblemWithTheRequestId() throws Exception {
        HttpResponse<String> response = LocalHttp.get(servicePort(), "/api/nothing-here", "X-Request-Id", "ops-404");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("ops-404");
    }
}
