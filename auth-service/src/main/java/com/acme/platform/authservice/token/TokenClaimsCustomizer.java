package com.acme.platform.authservice.token;

import com.acme.platform.authservice.client.RegisteredClients;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.List;
import java.util.Objects;

/**
 * The platform's claims on every access token (identity contract): {@code aud} is the one audience all resource
 * servers accept, instead of Spring Authorization Server's default (the client id, which would make a token for
 * order-service unusable at product-service); {@code roles} is what the resource servers turn into ROLE_ authorities.
 * {@code sub}, {@code iss}, {@code scope} and the timestamps stay as Spring Authorization Server writes them; ID tokens
 * are left alone (OIDC requires their {@code aud} to be the client id).
 */
public final class TokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final String ROLE_PREFIX = "ROLE_";

    private final String audience;

    public TokenClaimsCustomizer(String audience) {
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        context.getClaims()
                .audience(List.of(audience))
                .claim("roles", roles(context));
    }

    /**
     * A client acting for itself carries the roles configured for the client; a person's token (authorization code,
     * and its refreshes) carries the person's roles, whichever client asked for it. Only ROLE_ authorities count:
     * Spring Security also grants factor authorities such as FACTOR_PASSWORD, which are not roles.
     */
    private static List<String> roles(JwtEncodingContext context) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return RegisteredClients.roles(context.getRegisteredClient());
        }
        return context.getPrincipal().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(Objects::nonNull)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .sorted()
                .toList();
    }
}
