package com.acme.platform.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bearer token of an Authorization header, as RFC 6750 writes it. */
class BearerTokensTests {

    @Test
    void aBearerHeaderGivesItsToken() {
        assertThat(BearerTokens.fromHeader("Bearer abc.DEF-ghi_~+/==")).isEqualTo("abc.DEF-ghi_~+/==");
        assertThat(BearerTokens.fromHeader("bearer abc")).as("the scheme is case-insensitive").isEqualTo("abc");
    }

    @Test
    void noHeaderOrAnotherSchemeIsNoToken() {
        assertThat(BearerTokens.fromHeader(null)).isNull();
        assertThat(BearerTokens.fromHeader("Basic dXNlcjpwYXNz")).isNull();
        assertThat(BearerTokens.fromHeader("Bearer")).isNull();
    }

    @Test
    void aMalformedTokenIsInvalidToken() {
        for (String header : new String[]{"Bearer ", "Bearer a b", "Bearer abc=def", "Bearer ===", "Bearer a\"b"}) {
            assertThatThrownBy(() -> BearerTokens.fromHeader(header)).as(header)
                    .isInstanceOf(OAuth2AuthenticationException.class)
                    .satisfies(e -> assertThat(((OAuth2AuthenticationException) e).getError().getErrorCode()).isEqualTo("invalid_token"));
        }
    }
}
