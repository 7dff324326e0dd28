package com.acme.platform.support;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this process is.
 *
 * @param name the instance name shown in {@code X-Served-By} and in metrics, e.g. {@code product-service-1}
 */
@Validated
@ConfigurationProperties("platform.instance")
public record InstanceProperties(@NotBlank String name) {
}
