package com.acme.platform.productservice.config;

import com.acme.platform.support.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call product-service, checked here on its own port whatever the network (docs/security.md): reads are
 * public, writes need an admin token, and the internal API needs a service token with the one scope each call needs
 * (order-service prices orders, worker-service reserves stock). Anything else is left to routing (404).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ResourceServerSecurity platform) throws Exception {
        return platform.filterChain(http, rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**").permitAll()
                .requestMatchers(HttpMethod.HEAD, "/api/products", "/api/products/**").permitAll()
                .requestMatchers("/api/products", "/api/products/**").hasRole("ADMIN")
                .requestMatchers("/internal/products", "/internal/products/**").hasAuthority("SCOPE_products:prices")
                .requestMatchers("/internal/stock-reservations", "/internal/stock-reservations/**").hasAuthority("SCOPE_products:reserve")
                // The HTTP floor of bench/cache.sh: answers a constant, reads nothing.
                .requestMatchers(HttpMethod.GET, "/internal/ping").permitAll());
    }
}
