package com.acme.platform.productservice.product.config;

import com.acme.platform.cache.CacheSettings;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The product cache's knobs; units and reasons for each default are in application.yml. Its behaviour while Redis
 * fails is two Resilience4j YAML configurations, {@code product-cache-redis} and {@code product-cache-bypass}.
 */
@Validated
@ConfigurationProperties("platform.cache.products")
public record ProductCacheProperties(
        @NotNull CacheSettings.Mode mode,
        @NotNull Duration ttl,
        @NotNull Duration ttlJitter,
        @NotNull Duration softTtl,
        @NotNull Duration negativeTtl,
        @NotNull Duration tombstoneTtl,
        @NotNull Duration leaseTtl,
        @NotNull Duration leaseWaitMax,
        @DecimalMin("0.0") double xfetchBeta,
        @Min(0) int l1MaxSize,
        @NotNull Duration l1Ttl,
        @NotNull Duration l1AckWait,
        @NotNull Duration httpMaxAge,
        @NotNull @DurationMax(millis = 250) Duration redisCommandTimeout) {

    public CacheSettings toSettings() {
        return new CacheSettings("products", mode, ttl, ttlJitter, softTtl, negativeTtl, tombstoneTtl, leaseTtl,
                leaseWaitMax, xfetchBeta, l1MaxSize, l1Ttl, l1AckWait);
    }
}
