package com.acme.platform.gateway.security;

import com.acme.platform.gateway.error.GatewayProblem;
import com.acme.platform.gateway.error.ProblemDetailsErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * Who may call what, as the platform contract says: product and analytics reads are public; orders and
 * notifications need a client or admin key; product writes and {@code /api/admin/**} need the admin key. Anything
 * else is left to routing (unknown paths are 404, not 401). Stateless: no session, no cookie, no CSRF token
 * (there is no browser session to protect).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    public static final String API_KEY_HEADER = "X-API-Key";

    /**
     * No observation wrappers around Spring Security's filters, authentication and authorization: with an
     * observation registry present, Spring Security decorates each of its ~15 filters with one, which costs CPU on
     * every request even when {@code management.observations.enable.spring.security=false} makes them no-ops. The
     * request's own observation (metrics, trace) is unaffected.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ApiKeyAuthenticationManager apiKeyAuthenticationManager(ApiKeyProperties properties) {
        return new ApiKeyAuthenticationManager(properties);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ApiKeyAuthenticationManager manager,
                                                  ProblemDetailsErrorHandler problems) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> problems.handle(exchange,
                new GatewayProblem(HttpStatus.UNAUTHORIZED, exchange.getRequest().getHeaders().containsHeader(API_KEY_HEADER)
                        ? "The X-API-Key is not a known key"
                        : "This endpoint needs an X-API-Key header"));
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.handle(exchange,
                new GatewayProblem(HttpStatus.FORBIDDEN, "The X-API-Key is valid but its role may not "
                        + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value()));

        AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(manager);
        apiKeys.setServerAuthenticationConverter(exchange -> {
            String key = exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER);
            return key == null ? Mono.empty() : Mono.just(ApiKeyAuthenticationManager.presented(key));
        });
        apiKeys.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthorized));
        // The caller as exchange attributes, for the identity headers (IdentityForwardingFilter), the rate limit and
        // sticky balancing: read in place, where the Reactor context would cost a lookup chain per request.
        apiKeys.setAuthenticationSuccessHandler((filterExchange, authentication) -> {
            ServerWebExchange exchange = filterExchange.getExchange();
            if (authentication instanceof ApiKeyAuthentication caller) {
                exchange.getAttributes().put(ApiKeyAuthentication.ATTRIBUTE, caller);
                exchange.getAttributes().put(ClientKey.ATTRIBUTE, ClientKey.of(caller, exchange));
            }
            return filterExchange.getChain().filter(exchange);
        });
        apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(Customizer.withDefaults())
                .headers(headers -> headers
                        .hsts(hsts -> hsts.maxAge(Duration.ofDays(365)))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY)))
                .addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeExchange(rules -> rules
                        .pathMatchers(HttpMethod.GET, "/api/products", "/api/products/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/api/products", "/api/products/**").permitAll()
                        .pathMatchers("/api/products", "/api/products/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.GET, "/api/analytics/**").permitAll()
                        .pathMatchers("/api/analytics/**").hasRole("ADMIN")
                        .pathMatchers("/api/orders", "/api/orders/**").hasAnyRole("ADMIN", "CLIENT")
                        .pathMatchers("/api/notifications", "/api/notifications/**").hasAnyRole("ADMIN", "CLIENT")
                        .pathMatchers("/api/admin", "/api/admin/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .anyExchange().permitAll())
                .build();
    }

    /** CORS for the origins listed in {@code GATEWAY_CORS_ALLOWED_ORIGINS}; none by default. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(ApiKeyProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of(API_KEY_HEADER, "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match",
                "X-Request-Id", "X-Consistency-Token"));
        cors.setExposedHeaders(List.of("X-Request-Id", "X-Served-By", "ETag", "Location", "Retry-After",
                "X-Consistency-Token", "X-RateLimit-Remaining", "X-RateLimit-Burst-Capacity", "X-RateLimit-Replenish-Rate"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
