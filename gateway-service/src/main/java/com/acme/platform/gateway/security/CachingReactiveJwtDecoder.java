package com.acme.platform.gateway.security;

import com.acme.platform.support.security.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** A {@link ReactiveJwtDecoder} that verifies each token string once while it is valid ({@link VerifiedTokens}). */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens verified;

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt jwt;
        try {
            jwt = verified.find(token);
        } catch (JwtException expired) {
            return Mono.error(expired);
        }
        return jwt != null ? Mono.just(jwt) : delegate.decode(token).map(decoded -> verified.remember(token, decoded));
    }
}
