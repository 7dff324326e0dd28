package com.acme.platform.authservice;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What the orchestrator and Prometheus reach without logging in, and what they do not. */
class OperationsEndpointsTests extends DemoAuthServerTest {

    @Test
    void probesAndMetricsAreOpenOnTheServicePort() throws Exception {
        assertThat(http.get(http.uri("/actuator/health/liveness"), "application/json").statusCode()).isEqualTo(200);
        assertThat(http.get(http.uri("/actuator/health/readiness"), "application/json").statusCode()).isEqualTo(200);
        HttpResponse<String> prometheus = http.get(http.uri("/actuator/prometheus"), "text/plain");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("application=\"auth-service\"");
    }

    @Test
    void anythingElseNeedsALoginAndAnApiClientIsToldSoAsAProblem() throws Exception {
        HttpResponse<String> response = http.get(http.uri("/actuator/metrics"), "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(AuthHttp.json(response).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void aBrowserIsSentToTheLoginPage() throws Exception {
        HttpResponse<String> response = http.get(http.uri("/actuator/metrics"), "text/html");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void everyAnswerCarriesARequestId() throws Exception {
        HttpResponse<String> response = http.clientCredentials("order-service", "wrong", null);

        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void theDiscoveryDocumentNamesTheConfiguredIssuer() throws Exception {
        HttpResponse<String> response = http.get(http.uri("/.well-known/openid-configuration"), "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AuthHttp.json(response).path("issuer").asString()).isEqualTo(issuer);
        assertThat(AuthHttp.json(response).path("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
    }
}
