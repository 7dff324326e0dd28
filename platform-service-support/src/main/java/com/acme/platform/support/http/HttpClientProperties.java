package com.acme.platform.support.http;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Timeouts of every call this service makes to another; each service documents its values in its application.yml.
 *
 * @param connectTimeout TCP connect timeout per attempt
 * @param readTimeout    response timeout per attempt
 */
@Validated
@ConfigurationProperties("platform.http-client")
public record HttpClientProperties(@NotNull Duration connectTimeout, @NotNull Duration readTimeout) {
}
