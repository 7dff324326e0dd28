package com.acme.platform.gateway.resilience;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Limits on what a client may send: the largest request body accepted (larger: 413). */
@Validated
@ConfigurationProperties("gateway.request")
public record RequestLimitsProperties(@NotNull DataSize maxBodySize) {
}
