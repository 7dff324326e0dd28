package com.acme.platform.support.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * How a service checks the caller's token ({@code platform.security.token}): the issuer the token must name
 * ({@code iss}), where its signing keys are published (a JWK set), the audience it must be for ({@code aud}), the
 * timeouts of the JWK set fetch, and how many verified tokens are remembered (a token seen again is not verified
 * again until it expires). Pointing the platform at another OIDC provider changes these three values only.
 */
@Validated
@ConfigurationProperties("platform.security.token")
public record TokenProperties(@NotBlank String issuer, @NotNull URI jwkSetUri, @NotBlank String audience,
                              @NotNull Duration jwkSetTimeout, @Min(0) int verifiedCacheSize) {
}
