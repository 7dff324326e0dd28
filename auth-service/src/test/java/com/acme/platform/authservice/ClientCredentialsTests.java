package com.acme.platform.authservice;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Services and API-key callers get their tokens with client credentials (identity contract, clients table). */
class ClientCredentialsTests extends DemoAuthServerTest {

    @Test
    void orderServiceGetsASignedTokenForThePlatformWithItsRoleAndScope() throws Exception {
        HttpResponse<String> response = http.clientCredentials("order-service", "order-service-secret", "products:prices");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AuthHttp.json(response).path("expires_in").asInt()).isBetween(590, 600);   // 10 min default
        Jwt token = http.decoder().decode(AuthHttp.json(response).path("access_token").asString());
        assertThat(token.getAudience()).containsExactly("platform");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("SERVICE");
        assertThat(token.getClaimAsStringList("scope")).containsExactly("products:prices");
        assertThat(token.getSubject()).isEqualTo("order-service");
        assertThat(token.getIssuer()).hasToString(issuer);
        assertThat(token.getHeaders()).containsKey("kid");
    }

    @Test
    void aClientThatAsksForNoScopeGetsAllOfItsScopes() throws Exception {
        HttpResponse<String> response = http.clientCredentials("api-key-client", "demo-client-key", null);

        assertThat(response.statusCode()).isEqualTo(200);
        Jwt token = http.decoder().decode(AuthHttp.json(response).path("access_token").asString());
        assertThat(token.getClaimAsStringList("roles")).containsExactly("CLIENT");
        assertThat(token.getClaimAsStringList("scope")).containsExactly("orders:any-customer");
        assertThat(token.getSubject()).isEqualTo("api-key-client");
    }

    @Test
    void theAdminApiKeyIsTheSecretOfAnAdminClient() throws Exception {
        HttpResponse<String> response = http.clientCredentials("api-key-admin", "demo-admin-key", null);

        assertThat(response.statusCode()).isEqualTo(200);
        Jwt token = http.decoder().decode(AuthHttp.json(response).path("access_token").asString());
        assertThat(token.getClaimAsStringList("roles")).containsExactly("ADMIN");
    }

    @Test
    void aWrongSecretIsRefusedWithOAuth2sInvalidClient() throws Exception {
        HttpResponse<String> response = http.clientCredentials("order-service", "not-the-secret", "products:prices");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AuthHttp.json(response).path("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void aScopeTheClientWasNotGivenIsRefused() throws Exception {
        HttpResponse<String> response = http.clientCredentials("order-service", "order-service-secret", "products:reserve");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthHttp.json(response).path("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void thePublicClientCannotUseClientCredentials() throws Exception {
        HttpResponse<String> response = http.postForm("/oauth2/token",
                Map.of("grant_type", "client_credentials", "client_id", "platform-public"), null);

        // No credentials at all: the token endpoint asks for them (401, WWW-Authenticate) and issues nothing.
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("access_token");
    }
}
