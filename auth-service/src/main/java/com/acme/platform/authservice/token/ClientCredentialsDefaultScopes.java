package com.acme.platform.authservice.token;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client credentials request without {@code scope} gets every scope registered for the client (RFC 6749 3.3 lets
 * the server choose a default). Spring Authorization Server would issue a token without any scope instead, and the
 * gateway, exchanging an API key, would then have to know each key's scopes, which are auth-service's business. A
 * client that names scopes still gets exactly those, and one it was not given is refused (invalid_scope).
 */
public final class ClientCredentialsDefaultScopes implements AuthenticationConverter {

    private final AuthenticationConverter standard = new OAuth2ClientCredentialsAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication converted = standard.convert(request);
        if (converted instanceof OAuth2ClientCredentialsAuthenticationToken grant && grant.getScopes().isEmpty()
                && grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            return new OAuth2ClientCredentialsAuthenticationToken(client, client.getRegisteredClient().getScopes(),
                    grant.getAdditionalParameters());
        }
        return converted;
    }
}
