package com.acme.platform.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SCG's {@link RedisRateLimiter} with its own token-bucket Lua script, read once. SCG's auto-configured limiter
 * holds the script as a classpath resource and asks on every call whether the file changed
 * ({@code DefaultRedisScript.getSha1()} -> {@code ResourceScriptSource.isModified()}); inside the executable jar
 * that check throws and catches a {@code FileNotFoundException} per request (seen in a JFR recording under load).
 * The script cannot change in a running jar, so its text and SHA-1 are fixed at start-up.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfig {

    /** SCG's script, as shipped in the gateway jar: the limiter's behaviour stays SCG's. */
    static final String SCRIPT_LOCATION = "META-INF/scripts/request_rate_limiter.lua";

    @Bean
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configurationService) {
        return new RedisRateLimiter(redis, new StaticScript(load()), configurationService);
    }

    private static String load() {
        try {
            return new ClassPathResource(SCRIPT_LOCATION).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Spring Cloud Gateway's rate-limiter script is missing: " + SCRIPT_LOCATION, e);
        }
    }

    /** A script whose text, and so whose SHA-1 (sent with EVALSHA), never changes. */
    record StaticScript(String text, String sha1) implements RedisScript<List<Long>> {

        StaticScript(String text) {
            this(text, sha1Of(text));
        }

        private static String sha1Of(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is part of every JDK", e);
            }
        }

        @Override
        public String getSha1() {
            return sha1;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<List<Long>> getResultType() {
            return (Class) List.class;
        }

        @Override
        public String getScriptAsString() {
            return text;
        }
    }
}
