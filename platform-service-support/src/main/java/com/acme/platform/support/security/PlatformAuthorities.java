package com.acme.platform.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a platform token may do, as Spring Security authorities: {@code ROLE_<role>} for each entry of the
 * {@code roles} claim ({@code CUSTOMER}, {@code CLIENT}, {@code ADMIN}, {@code SERVICE}) and {@code SCOPE_<scope>}
 * for each granted scope ({@code orders:any-customer}, {@code products:prices}, {@code products:reserve}).
 * Spring's own converter reads one claim only; the platform needs both (who the caller is, and what a machine
 * client was granted). Shared by the gateway and every service, so all of them read a token the same way.
 *
 * <p>Another issuer (Keycloak, Entra ID, Okta, Auth0) needs a mapper there that writes the same {@code roles} claim
 * (docs/security.md).
 */
public final class PlatformAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    public static final String ROLES_CLAIM = "roles";
    public static final String SCOPE_CLAIM = "scope";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : strings(jwt.getClaim(ROLES_CLAIM))) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        for (String scope : strings(jwt.getClaim(SCOPE_CLAIM))) {
            authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
        }
        return authorities;
    }

    /** A claim written as a JSON array or as one space-separated string (OAuth 2's form for {@code scope}). */
    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value && !value.isBlank()) {
            return List.of(value.trim().split("\\s+"));
        }
        return List.of();
    }
}
