package com.acme.platform.gateway.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The authenticated caller: the credential's name ({@code admin} or {@code client}) and its role. Carries no key.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    /** Exchange attribute holding the caller once authenticated (set by {@link SecurityConfig}). */
    public static final String ATTRIBUTE = ApiKeyAuthentication.class.getName();

    private final String name;
    private final String role;

    ApiKeyAuthentication(String name, String role) {
        super(AuthorityUtils.createAuthorityList("ROLE_" + role));
        this.name = name;
        this.role = role;
        setAuthenticated(true);
    }

    public String role() {
        return role;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return name;
    }
}
