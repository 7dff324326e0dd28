package com.acme.platform.gateway.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's API keys for machine clients that cannot do OAuth2 ({@code PLATFORM_ADMIN_API_KEY},
 * {@code PLATFORM_CLIENT_API_KEY}): each is the secret of an OAuth2 client at the authorization server
 * ({@code api-key-admin}, {@code api-key-client}), whose token the gateway obtains at {@code tokenUri} and relays.
 * No default outside the demo profile: a start without them stops with a message naming the variable. CORS origins
 * are a comma-separated list (empty: no cross-origin browser access).
 */
@Validated
@ConfigurationProperties("gateway.security")
public record ApiKeyProperties(
        @NotBlank(message = "is empty: set PLATFORM_ADMIN_API_KEY (its demo value exists only in the demo profile, which ./local.sh up and the compose demo switch on)") String adminApiKey,
        @NotBlank(message = "is empty: set PLATFORM_CLIENT_API_KEY (its demo value exists only in the demo profile, which ./local.sh up and the compose demo switch on)") String clientApiKey,
        @NotNull URI tokenUri, @NotNull Duration tokenTimeout, List<String> corsAllowedOrigins) {

    public static final String ADMIN_CLIENT_ID = "api-key-admin";
    public static final String CLIENT_CLIENT_ID = "api-key-client";

    public ApiKeyProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}
