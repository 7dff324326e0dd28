package com.acme.platform.gateway.security;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Checks an {@code X-API-Key} against the configured keys. Only SHA-256 digests of the keys are kept in memory, and
 * the presented key's digest is compared with {@link MessageDigest#isEqual} against every known digest (constant
 * time, and no early exit on the first match), so timing reveals neither a key's prefix nor which key matched.
 * A fast hash is enough here: these are high-entropy random keys, not user passwords.
 */
public final class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

    private record Credential(String clientId, String role, byte[] digest) {
    }

    private final List<Credential> credentials;

    public ApiKeyAuthenticationManager(ApiKeyProperties properties) {
        this.credentials = List.of(
                new Credential(ApiKeyProperties.ADMIN_CLIENT_ID, "ADMIN", sha256(properties.adminApiKey())),
                new Credential(ApiKeyProperties.CLIENT_CLIENT_ID, "CLIENT", sha256(properties.clientApiKey())));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        byte[] presented = sha256(String.valueOf(authentication.getCredentials()));
        Credential matched = null;
        for (Credential credential : credentials) {
            if (MessageDigest.isEqual(credential.digest(), presented)) {
                matched = credential;
            }
        }
        if (matched == null) {
            return Mono.error(new BadCredentialsException("Unknown API key"));
        }
        return Mono.just(new ApiKeyAuthentication(matched.clientId(), matched.role()));
    }

    /** The header's value wrapped for the manager; the key never leaves the authentication step. */
    static Authentication presented(String apiKey) {
        return UsernamePasswordAuthenticationToken.unauthenticated("api-key", apiKey);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
