package com.acme.platform.productservice.config;

import com.acme.platform.cache.StampedeProtectedCache;
import com.acme.platform.productservice.product.domain.Product;
import com.acme.platform.productservice.product.domain.ProductCodec;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;

/**
 * Lettuce as Spring Boot configures it (spring.data.redis.*), with the two options that turn "Redis down" into a
 * fast bypass instead of minute-long hangs: a short command timeout, and commands rejected (not queued) while
 * disconnected.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfig {

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown(ProductCacheProperties cache) {
        Duration timeout = cache.redisCommandTimeout();
        return options -> options
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout));
    }

    @Bean(destroyMethod = "close")
    StampedeProtectedCache<Product> productCache(LettuceConnectionFactory connections, ProductCacheProperties properties,
                                                 ProductCodec codec, MeterRegistry registry) {
        connections.start();
        RedisClient client = (RedisClient) connections.getRequiredNativeClient();
        return StampedeProtectedCache.create(client, properties.toSettings(), codec, registry);
    }
}
