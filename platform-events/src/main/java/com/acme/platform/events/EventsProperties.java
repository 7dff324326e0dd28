package com.acme.platform.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How a service's Kafka listeners handle failures; each service documents its values in its application.yml.
 *
 * @param retry blocking retries of a failed record before it goes to {@code <topic>-dlt}
 */
@Validated
@ConfigurationProperties("platform.events")
public record EventsProperties(@NotNull @Valid Retry retry) {

    /**
     * @param maxAttempts     deliveries of a failing record in total, the first included
     * @param initialInterval first back-off
     * @param multiplier      growth of each further back-off
     * @param maxInterval     cap of one back-off
     * @param dependencyDownInterval cap of one back-off while the record fails because another service is
     *                        unavailable; such a record is retried until it is back, never dead-lettered
     */
    public record Retry(@Min(1) int maxAttempts, @NotNull Duration initialInterval,
                        @DecimalMin("1.0") double multiplier, @NotNull Duration maxInterval,
                        @NotNull Duration dependencyDownInterval) {
    }
}
