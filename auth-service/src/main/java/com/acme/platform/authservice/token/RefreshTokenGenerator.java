package com.acme.platform.authservice.token;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import java.time.Instant;
import java.util.Base64;

/**
 * Opaque refresh tokens for every client registered with the refresh_token grant, public clients included. Spring's
 * own generator refuses public clients; the contract gives {@code platform-public} (Swagger UI, Postman) refresh
 * tokens, made safe enough by rotation and a bounded lifetime (see
 * {@link com.acme.platform.authservice.client.PublicClientRefreshAuthentication}).
 */
public final class RefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    /** 96 random bytes, URL-safe: as long as Spring's own refresh tokens. */
    private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

    @Override
    public OAuth2RefreshToken generate(OAuth2TokenContext context) {
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
            return null;
        }
        Instant issuedAt = Instant.now();
        Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
        return new OAuth2RefreshToken(values.generateKey(), issuedAt, expiresAt);
    }
}
