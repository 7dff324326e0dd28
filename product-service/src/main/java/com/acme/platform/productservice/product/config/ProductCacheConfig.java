package com.acme.platform.productservice.product.config;

import com.acme.platform.cache.RedisResilience;
import com.acme.platform.cache.StampedeProtectedCache;
import com.acme.platform.productservice.product.domain.Product;
import com.acme.platform.productservice.product.domain.ProductCodec;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The product cache's Redis client, from the same {@code spring.data.redis.*} settings as Spring Boot's, with the two
 * options that turn "Redis down" into a fast bypass instead of minute-long hangs: a short command timeout, and
 * commands rejected (not queued) while disconnected.
 *
 * <p>The cache owns its client instead of borrowing the native client of Spring's {@code LettuceConnectionFactory}:
 * that factory is a lifecycle bean that shuts its client down when stopped and builds a new one when started again
 * (a paused and resumed test context does exactly this), and a cache holding the old client would bypass Redis
 * forever with "Connection is closed".
 */
@Configuration(proxyBeanMethods = false)
class ProductCacheConfig {

    /** The same fail-fast options for Spring's own connection (used by the redis health indicator). */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown(ProductCacheProperties cache) {
        return options -> options
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(cache.redisCommandTimeout()));
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient productCacheRedisClient(DataRedisProperties redis, ProductCacheProperties cache) {
        Duration timeout = cache.redisCommandTimeout();
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.getHost()).withPort(redis.getPort())
                .withDatabase(redis.getDatabase()).withTimeout(timeout).withSsl(redis.getSsl().isEnabled());
        if (redis.getPassword() != null) {
            uri = redis.getUsername() != null
                    ? uri.withAuthentication(redis.getUsername(), redis.getPassword().toCharArray())
                    : uri.withPassword(redis.getPassword().toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        SocketOptions.Builder socket = SocketOptions.builder();
        if (redis.getConnectTimeout() != null) {
            socket.connectTimeout(redis.getConnectTimeout());
        }
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(socket.build())
                .build());
        return client;
    }

    /**
     * The cache's Redis breaker and bypass bulkhead are configured in YAML like every breaker of the platform
     * ({@code resilience4j.*.configs.product-cache-*}), but built here rather than taken from the registries: the
     * starter hangs an event consumer and a metrics publisher on every instance it creates, and every cached read
     * passes this breaker. Their state is the cache's own gauge, {@code cache_redis_available}.
     */
    @Bean(destroyMethod = "close")
    StampedeProtectedCache<Product> productCache(RedisClient productCacheRedisClient, ProductCacheProperties properties,
                                                 ProductCodec codec, MeterRegistry registry,
                                                 CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads) {
        RedisResilience resilience = new RedisResilience(
                CircuitBreaker.of("product-cache-redis", breakers.getConfiguration("product-cache-redis")
                        .orElseThrow(() -> new IllegalStateException("resilience4j.circuitbreaker.configs.product-cache-redis is missing"))),
                Bulkhead.of("product-cache-bypass", bulkheads.getConfiguration("product-cache-bypass")
                        .orElseThrow(() -> new IllegalStateException("resilience4j.bulkhead.configs.product-cache-bypass is missing"))));
        return StampedeProtectedCache.create(productCacheRedisClient, properties.toSettings(), codec, registry, resilience);
    }
}
