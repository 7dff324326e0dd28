package com.acme.platform.gateway;

import com.acme.platform.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuer is configuration: pointed at another OIDC provider (issuer, JWK set, audience), the gateway accepts that
 * provider's tokens and refuses the old one's, with no code change (how a team moves to Keycloak, Entra ID, Okta or
 * Auth0: docs/security.md).
 */
class SecondIssuerTests extends GatewayTestSupport {

    static final TestTokenIssuer OTHER = new TestTokenIssuer();

    @DynamicPropertySource
    static void otherIssuer(DynamicPropertyRegistry registry) {
        registry.add("platform.security.token.issuer", OTHER::issuer);
        registry.add("platform.security.token.jwk-set-uri", () -> OTHER.issuer() + "/oauth2/jwks");
        registry.add("platform.security.token.audience", () -> "orders-api");
    }

    @AfterAll
    static void stop() {
        OTHER.close();
    }

    @Test
    void theConfiguredIssuersTokensPassAndNoOtherDoes() throws Exception {
        String admin = OTHER.forAudience("orders-api", "ops", List.of("ADMIN"));
        assertThat(get("/api/admin/dlq", "Authorization", "Bearer " + admin).statusCode()).isEqualTo(200);
        assertThat(get("/api/admin/dlq", "Authorization", "Bearer " + OTHER.admin()).statusCode())
                .as("right issuer, wrong audience").isEqualTo(401);
        assertThat(get("/api/admin/dlq", "Authorization", "Bearer " + TOKENS.admin()).statusCode())
                .as("the previous issuer").isEqualTo(401);
    }
}
