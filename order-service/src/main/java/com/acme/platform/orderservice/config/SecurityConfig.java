package com.acme.platform.orderservice.config;

import com.acme.platform.support.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call order-service, checked here on its own port whatever the network (docs/security.md): orders need a
 * customer's, a client's or an admin's token; which orders a caller may place and read is decided per request from
 * the token's subject (OrderController, {@code Caller}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ResourceServerSecurity platform) throws Exception {
        return platform.filterChain(http, rules -> rules
                .requestMatchers("/api/orders", "/api/orders/**").hasAnyRole("CUSTOMER", "CLIENT", "ADMIN"));
    }
}
