package com.acme.platform.authservice.config;

import com.acme.platform.authservice.client.PublicClientRefreshAuthentication;
import com.acme.platform.authservice.client.RegisteredClients;
import com.acme.platform.authservice.key.JwkSetFile;
import com.acme.platform.authservice.token.ClientCredentialsDefaultScopes;
import com.acme.platform.authservice.token.RefreshTokenGenerator;
import com.acme.platform.authservice.token.TokenClaimsCustomizer;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spring Authorization Server with the platform's clients, keys and claims: two filter chains, the OAuth2/OIDC
 * endpoints first (token, authorize, jwks, discovery, userinfo), then everything else (the login page, actuator).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    /** /oauth2/*, /.well-known/*, /userinfo: errors in OAuth2's own JSON, as every OAuth2 client expects. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, RegisteredClientRepository clients,
                                                       OAuth2TokenGenerator<?> tokenGenerator, AuthProperties properties) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.tokenGenerator(tokenGenerator)
                            .clientAuthentication(authentication -> authentication
                                    .authenticationConverter(new PublicClientRefreshAuthentication.Converter())
                                    .authenticationProvider(new PublicClientRefreshAuthentication.Provider(clients)))
                            .tokenEndpoint(token -> token.accessTokenRequestConverter(new ClientCredentialsDefaultScopes()))
                            .oidc(Customizer.withDefaults());   // ID tokens, /userinfo, the discovery document
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // Browser apps on the registered redirect URIs' origins (Swagger UI on the gateway) call the token
                // endpoint, the JWK set and /userinfo from their own origin.
                .cors(cors -> cors.configurationSource(browserOrigins(properties)))
                // /userinfo is called with the access token it describes.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                // A browser arriving at /oauth2/authorize without a session logs in first, then comes back.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browser()));
        return http.build();
    }

    /** CORS for exactly the origins of the registered redirect URIs: the pages that run a flow in the browser. */
    private static org.springframework.web.cors.CorsConfigurationSource browserOrigins(AuthProperties properties) {
        java.util.Set<String> origins = new java.util.TreeSet<>();
        properties.clients().values().forEach(client -> client.redirectUris().forEach(uri -> {
            java.net.URI parsed = java.net.URI.create(uri);
            if (parsed.getScheme() != null && parsed.getHost() != null) {
                origins.add(parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort()));
            }
        }));
        org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
        cors.setAllowedOrigins(java.util.List.copyOf(origins));
        cors.setAllowedMethods(java.util.List.of("GET", "POST"));
        cors.setAllowedHeaders(java.util.List.of("Authorization", "Content-Type", "X-Requested-With"));
        cors.setMaxAge(3600L);
        org.springframework.web.cors.UrlBasedCorsConfigurationSource source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** The login form for people, and the actuator for the platform's probes and Prometheus. */
    @Bean
    @Order(2)
    SecurityFilterChain loginFilterChain(HttpSecurity http, AuthProperties properties) throws Exception {
        // The browser's CORS preflight (OPTIONS) of a token request does not match the token endpoint's POST-only
        // matcher and lands here: answer it with the same origins.
        http.cors(cors -> cors.configurationSource(browserOrigins(properties)))
                .authorizeHttpRequests(requests -> requests
                        // Probes and scrapes come from the orchestrator and Prometheus, not from people; the gateway
                        // never routes to auth-service, so these are reachable only inside the platform's network.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browser())
                        .defaultAuthenticationEntryPointFor(unauthorizedProblem(), new NegatedRequestMatcher(browser())));
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        // A fixed issuer, not one derived from each request's Host: the resource servers compare iss exactly, and
        // the same token must be valid whether it was fetched via localhost, a container name or the ingress.
        return AuthorizationServerSettings.builder().issuer(properties.issuerUri()).build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(AuthProperties properties, PasswordEncoder passwordEncoder) {
        return RegisteredClients.repository(properties, passwordEncoder);
    }

    /**
     * bcrypt behind Spring's delegating encoder ({bcrypt} prefix, so the algorithm can change later). Its deliberate
     * slowness (~0.1 s per check) is paid once per token, not per API call: the gateway and the services cache their
     * tokens until shortly before they expire.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Every key of the file: what /oauth2/jwks publishes and what /userinfo verifies access tokens with. */
    @Bean
    JWKSource<SecurityContext> jwkSource(AuthProperties properties) {
        AuthProperties.Keys keys = properties.keys();
        return new ImmutableJWKSet<>(JwkSetFile.loadOrGenerate(Path.of(keys.jwkSetFile()), keys.generateIfMissing()));
    }

    /**
     * Verifies the access tokens sent to /userinfo against the keys in hand, not by fetching this server's own
     * /oauth2/jwks over HTTP (which a JWK-set-URI decoder, such as the platform's resource server default, would do).
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, AuthProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuerUri()));
        return decoder;
    }

    /** JWT access and ID tokens with the platform's claims; opaque refresh tokens (public clients included). */
    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> jwkSource, AuthProperties properties) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(jwkSource);
        // Every RS256 key in the set matches a token's header; the first one signs, the others are only published
        // so that tokens signed before a rotation still verify.
        encoder.setJwkSelector(List<JWK>::getFirst);
        JwtGenerator jwtGenerator = new JwtGenerator(encoder);
        jwtGenerator.setJwtCustomizer(new TokenClaimsCustomizer(properties.token().audience()));
        return new DelegatingOAuth2TokenGenerator(jwtGenerator, new RefreshTokenGenerator());
    }

    /** What a browser sends: it gets the login page rather than a 401. */
    private static RequestMatcher browser() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    /** An API client that is not logged in gets a 401 problem (RFC 9457) rather than a redirect to a login form. */
    private static AuthenticationEntryPoint unauthorizedProblem() {
        return (request, response, exception) -> {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", HttpStatus.UNAUTHORIZED.getReasonPhrase());
            problem.put("status", HttpStatus.UNAUTHORIZED.value());
            problem.put("detail", "Log in at /login first; auth-service has no API beyond its OAuth2 endpoints");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8);
            response.getWriter().write(JsonMapper.shared().writeValueAsString(problem));
        };
    }
}
