package com.acme.platform.authservice;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI on the gateway exchanges its authorization code from the browser: the CORS preflight of that token
 * request is answered for the origins of the registered redirect URIs (http://localhost:8080 in the demo), and for no
 * other origin. The preflight matches none of the token endpoint's POST matchers, so this broke once unnoticed.
 */
class BrowserCorsTests extends DemoAuthServerTest {

    private HttpResponse<String> preflight(String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.uri("/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theTokenRequestsPreflightIsAnsweredForARegisteredOriginOnly() throws Exception {
        HttpResponse<String> swaggerUi = preflight("http://localhost:8080");
        assertThat(swaggerUi.statusCode()).isEqualTo(200);
        assertThat(swaggerUi.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");

        HttpResponse<String> elsewhere = preflight("https://evil.example");
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
