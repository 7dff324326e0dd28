package com.acme.platform.gateway.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A caller authenticated by its {@code X-API-Key}: the OAuth2 client the key belongs to ({@code api-key-admin},
 * {@code api-key-client}) and its role. Carries no key. The gateway relays the caller to the services with that
 * client's access token ({@link ApiKeyTokens}), so the services check a token either way.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String clientId;

    ApiKeyAuthentication(String clientId, String role) {
        super(AuthorityUtils.createAuthorityList("ROLE_" + role));
        this.clientId = clientId;
        setAuthenticated(true);
    }

    @Override
    public String getName() {
        return clientId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return clientId;
    }
}
