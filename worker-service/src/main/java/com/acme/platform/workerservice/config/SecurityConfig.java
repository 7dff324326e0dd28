package com.acme.platform.workerservice.config;

import com.acme.platform.support.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call worker-service, checked here on its own port whatever the network (docs/security.md): analytics reads
 * are public; notifications need a customer's, a client's or an admin's token (a customer sees only its own, see
 * NotificationController); the DLQ and the fault switch need an admin token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ResourceServerSecurity platform) throws Exception {
        return platform.filterChain(http, rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/analytics/**").permitAll()
                .requestMatchers("/api/analytics/**").hasRole("ADMIN")
                .requestMatchers("/api/notifications", "/api/notifications/**").hasAnyRole("CUSTOMER", "CLIENT", "ADMIN")
                .requestMatchers("/api/admin", "/api/admin/**").hasRole("ADMIN"));
    }
}
