package com.acme.platform.authservice.user;

import com.acme.platform.authservice.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.List;

/**
 * The people who can log in at /login: {@code auth.users}, which only the demo profile fills (alice, bob, admin).
 * A real deployment either configures its own here or, more likely, points the platform at its identity provider
 * instead (docs/auth-service.md). Each user's roles become the {@code roles} claim of the tokens issued for them.
 */
@Configuration(proxyBeanMethods = false)
class UserConfig {

    private static final Logger log = LoggerFactory.getLogger(UserConfig.class);

    /** Also keeps Spring Boot from creating its default "user" with a generated password. */
    @Bean
    UserDetailsService userDetailsService(AuthProperties properties, PasswordEncoder passwordEncoder) {
        List<UserDetails> users = properties.users().entrySet().stream()
                .map(entry -> User.withUsername(entry.getKey())
                        .password(passwordEncoder.encode(entry.getValue().password()))
                        .roles(entry.getValue().roles().stream().map(Enum::name).toArray(String[]::new))
                        .build())
                .toList();
        if (users.isEmpty()) {
            log.info("No users configured (auth.users): nobody can log in; client credentials still work");
        }
        return new InMemoryUserDetailsManager(users);
    }
}
