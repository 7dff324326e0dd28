package com.acme.platform.support.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What every service's security has in common, around the rules of the service's own {@code SecurityConfig} (which
 * says only who may call what, {@link #filterChain}): a stateless OAuth2 resource server that checks the
 * caller's JWT itself (signature against the issuer's JWK set, issuer, audience, expiry), authorities from
 * {@link PlatformAuthorities}, 401/403 as problem details with {@code WWW-Authenticate}, no session, no CSRF (no
 * cookie is ever read), and the actuator's endpoints open on the service's own port (they are never routed through
 * the gateway; health for probes and load balancers, prometheus for scrapes).
 */
public final class ResourceServerSecurity {

    private final JwtDecoder decoder;
    private final ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();

    public ResourceServerSecurity(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * The service's filter chain: the common part, then the actuator and API document open, then the service's
     * {@code rules}, then anything else left to routing (an unknown path is 404, not 401).
     */
    public SecurityFilterChain filterChain(HttpSecurity http,
                                           Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        return applyTo(http).authorizeHttpRequests(registry -> {
            registry.requestMatchers(OPEN_PATHS).permitAll();
            rules.customize(registry);
            registry.anyRequest().permitAll();
        }).build();
    }

    private HttpSecurity applyTo(HttpSecurity http) {
        PlatformAuthorities authorities = new PlatformAuthorities();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> {
                })
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(request -> BearerTokens.fromHeader(request.getHeader("Authorization")))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authorities))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http;
    }

    /** Paths every service leaves open: its actuator (own port only) and its API document (public through the gateway). */
    private static final String[] OPEN_PATHS = {"/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/error"};
}
