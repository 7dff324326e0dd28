package com.acme.platform.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles and scopes of a platform token as authorities, and who a caller may act for. */
class PlatformAuthoritiesTests {

    private static Jwt jwt(Object roles, Object scope) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (roles != null) {
            builder.claim("roles", roles);
        }
        if (scope != null) {
            builder.claim("scope", scope);
        }
        return builder.build();
    }

    private static List<String> authorities(Jwt jwt) {
        return new PlatformAuthorities().convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void rolesAndScopesBecomeAuthoritiesWhateverTheScopeClaimsForm() {
        assertThat(authorities(jwt(List.of("CLIENT"), "orders:any-customer openid")))
                .containsExactly("ROLE_CLIENT", "SCOPE_orders:any-customer", "SCOPE_openid");
        assertThat(authorities(jwt(List.of("SERVICE"), List.of("products:prices"))))
                .containsExactly("ROLE_SERVICE", "SCOPE_products:prices");
        assertThat(authorities(jwt(null, null))).isEmpty();
    }

    @Test
    void onlyAdminsAndEntitledClientsActForAnyCustomer() {
        Caller customer = new Caller("alice", java.util.Set.of(Caller.CUSTOMER));
        assertThat(customer.mayActFor("alice")).isTrue();
        assertThat(customer.mayActFor("bob")).isFalse();
        assertThat(new Caller("kiosk", java.util.Set.of(Caller.CLIENT)).mayActFor("bob")).isFalse();
        assertThat(new Caller("partner", java.util.Set.of(Caller.CLIENT, Caller.ANY_CUSTOMER)).mayActFor("bob")).isTrue();
        // The scope alone (say, on a customer's token) is not enough: it is a client's entitlement.
        assertThat(new Caller("alice", java.util.Set.of(Caller.CUSTOMER, Caller.ANY_CUSTOMER)).mayActFor("bob")).isFalse();
        assertThat(new Caller("ops", java.util.Set.of(Caller.ADMIN)).mayActFor("bob")).isTrue();
    }
}
