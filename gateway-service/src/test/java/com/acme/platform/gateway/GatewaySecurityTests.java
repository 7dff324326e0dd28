package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;

import com.acme.platform.testsupport.TestTokenIssuer;

import java.net.http.HttpRequest;
import java.util.List;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials and roles as in the contract (bearer tokens and API keys), and what the services learn about the
 * caller: a token, never a key or an identity header.
 */
class GatewaySecurityTests extends GatewayTestSupport {

    @Test
    void writeWithoutCredentialsIs401ProblemWithWwwAuthenticate() throws Exception {
        HttpResponse<String> response = post("/api/products");
        assertProblem(response, 401, "needs a token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void aBearerTokenIsCheckedAndRelayedAsSent() throws Exception {
        String alice = TOKENS.customer("alice");
        HttpResponse<String> response = get("/api/orders/7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11", "Authorization", "Bearer " + alice);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"receivedAuthorization\":\"Bearer " + alice + "\"");
        assertProblem(post("/api/products", "Authorization", "Bearer " + alice), 403, "may not POST /api/products");
        assertThat(post("/api/products", "Authorization", "Bearer " + TOKENS.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredForeignUnsignedAndOtherAudienceTokensAre401() throws Exception {
        List<String> admin = List.of("ADMIN");
        try (TestTokenIssuer elsewhere = new TestTokenIssuer()) {
            for (String token : List.of(TOKENS.expired("admin", admin), TOKENS.forAudience("another-api", "admin", admin),
                    TOKENS.signedByUnknownKey("admin", admin), TOKENS.unsigned("admin", admin), elsewhere.admin(),
                    "not-a-jwt")) {
                HttpResponse<String> response = post("/api/products", "Authorization", "Bearer " + token);
                assertProblem(response, 401, "bearer token was not accepted");
                assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
                // A bad token is refused on a public read too: it is not silently treated as anonymous.
                assertThat(get("/api/products", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
            }
        }
    }

    @Test
    void unknownKeyIs401EvenOnAPublicRead() throws Exception {
        assertProblem(post("/api/products", "X-API-Key", "made-up-key"), 401, "not a known key");
        assertProblem(get("/api/products", "X-API-Key", "made-up-key"), 401, "not a known key");
    }

    @Test
    void clientKeyOnAdminRoutesIs403Problem() throws Exception {
        assertProblem(post("/api/products", "X-API-Key", CLIENT_KEY), 403, "may not POST /api/products");
        assertProblem(get("/api/admin/dlq", "X-API-Key", CLIENT_KEY), 403, "may not GET /api/admin/dlq");
    }

    @Test
    void rightKeyPasses() throws Exception {
        assertThat(post("/api/products", "X-API-Key", ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/admin/dlq", "X-API-Key", ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(post("/api/orders", "X-API-Key", CLIENT_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/notifications?orderId=x", "X-API-Key", CLIENT_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void ordersAndNotificationsNeedCredentials() throws Exception {
        assertProblem(post("/api/orders"), 401, "needs a token");
        assertProblem(get("/api/orders/7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11"), 401, "needs a token");
        assertProblem(get("/api/notifications?orderId=x"), 401, "needs a token");
    }

    @Test
    void anApiKeyCallerReachesServicesWithItsClientsTokenNeverTheKey() throws Exception {
        int issued = TOKENS.tokensIssued();
        HttpResponse<String> response = get("/api/orders?customerId=c-1", "X-API-Key", CLIENT_KEY);
        assertThat(response.body()).contains("\"receivedTokenSubject\":\"api-key-client\"")
                .contains("\"receivedApiKey\":\"null\"");
        for (int i = 0; i < 5; i++) {
            get("/api/orders?customerId=c-1", "X-API-Key", CLIENT_KEY);
        }
        assertThat(TOKENS.tokensIssued() - issued).as("the client's token is kept, not fetched per request").isLessThanOrEqualTo(1);
    }

    @Test
    void clientSentIdentityHeadersNeverReachAService() throws Exception {
        HttpResponse<String> anonymous = get("/api/products", "X-Principal", "admin", "X-Principal-Roles", "ADMIN");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"receivedPrincipal\":\"null\"").contains("\"receivedRoles\":\"null\"");
        assertThat(post("/api/products", "X-Principal", "admin", "X-Principal-Roles", "ADMIN").statusCode()).isEqualTo(401);

        HttpResponse<String> asClient = get("/api/orders?customerId=c-1", "X-API-Key", CLIENT_KEY,
                "X-Principal", "admin", "X-Principal-Roles", "ADMIN");
        assertThat(asClient.body()).contains("\"receivedPrincipal\":\"null\"").contains("\"receivedTokenSubject\":\"api-key-client\"");
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> response = get("/api/products");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control")).isPresent();
    }

    @Test
    void corsPreflightIsAnsweredForAConfiguredOriginOnly() throws Exception {
        HttpResponse<String> allowed = send("OPTIONS", "/api/orders", HttpRequest.BodyPublishers.noBody(),
                "Origin", ALLOWED_ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "X-API-Key");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);

        HttpResponse<String> other = send("OPTIONS", "/api/orders", HttpRequest.BodyPublishers.noBody(),
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> post(String path, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", path, HttpRequest.BodyPublishers.ofString("{}"), all);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).contains("\"status\":" + status).contains(detail);
    }
}
