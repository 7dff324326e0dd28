package com.acme.platform.productservice.replica;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The primary (writes, fallback reads) and its streaming standby (read-only transactions). Units and reasons for
 * each default are in application.yml.
 */
@Validated
@ConfigurationProperties("platform.database")
public record DatabaseProperties(
        @NotBlank String url,
        @NotBlank String replicaUrl,
        @NotBlank String username,
        @NotNull String password,
        @Min(1) int primaryPoolSize,
        @Min(1) int replicaPoolSize,
        @NotNull Duration connectionTimeout,
        @NotNull Duration replicaConnectionTimeout,
        @NotNull Duration replicaSocketTimeout,
        @NotNull Duration primarySocketTimeout,
        @NotNull Duration primaryStatementTimeout,
        @NotNull Duration positionPollInterval) {

    public DatabaseProperties {
        if (primaryStatementTimeout != null && primarySocketTimeout != null
                && primaryStatementTimeout.compareTo(primarySocketTimeout) >= 0) {
            // The server cancels a slow statement cleanly; the socket timeout is for a server that cannot even do that.
            throw new IllegalArgumentException("primary-statement-timeout must be shorter than primary-socket-timeout");
        }
    }
}
