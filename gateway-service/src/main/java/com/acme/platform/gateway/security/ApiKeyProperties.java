package com.acme.platform.gateway.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * The gateway's credentials: one admin key and one client key, from the environment
 * ({@code PLATFORM_ADMIN_API_KEY}, {@code PLATFORM_CLIENT_API_KEY}); the demo defaults are documented in the README.
 * CORS origins are a comma-separated list (empty: no cross-origin browser access).
 */
@Validated
@ConfigurationProperties("gateway.security")
public record ApiKeyProperties(@NotBlank String adminApiKey, @NotBlank String clientApiKey, List<String> corsAllowedOrigins) {

    public ApiKeyProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}
