package com.acme.platform.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Tokens already verified, keyed by the whole token string, so a client that sends the same token on every request
 * pays the signature check and the claim parsing once per token instead of once per request (an RSA verification
 * and a JSON parse: most of a resource server's cost per request, docs/benchmarks.md). Only the exact string that
 * verified is remembered, so a changed byte misses and is verified in full; an entry stops counting at the token's
 * own expiry, checked on every hit, and after 5 minutes at most, so a signing key removed from the JWK set stops
 * being honoured within that time. Spring Security has no such cache; the servlet ({@link CachingJwtDecoder}) and
 * the gateway's reactive decoder share this one.
 */
public final class VerifiedTokens {

    private final Cache<String, Jwt> verified;
    private final Clock clock;

    public VerifiedTokens(int maximumSize, Clock clock) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(Duration.ofMinutes(5)).build();
    }

    /** The verified token, or null if this string was not verified (lately); throws if it has expired since. */
    public Jwt find(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt != null && jwt.getExpiresAt() != null && !clock.instant().isBefore(jwt.getExpiresAt())) {
            verified.invalidate(token);
            String message = "Jwt expired at " + jwt.getExpiresAt();
            throw new JwtValidationException(message, List.of(new OAuth2Error("invalid_token", message, null)));
        }
        return jwt;
    }

    public Jwt remember(String token, Jwt jwt) {
        verified.put(token, jwt);
        return jwt;
    }
}
