package com.acme.platform.gateway.config;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is only the rate limiter's bucket store. While it is unreachable, Lettuce by default queues commands and
 * fails them after the command timeout; rejecting them at once instead makes the limiter's fail-open path
 * immediate, so a Redis outage costs no latency (see ratelimit/RateLimitFilter).
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfig {

    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).autoReconnect(true);
    }
}
