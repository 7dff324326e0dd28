package com.acme.platform.gateway.security;

import com.acme.platform.gateway.error.GatewayProblem;
import com.acme.platform.gateway.error.ProblemDetailsErrorHandler;
import com.acme.platform.support.security.BearerTokens;
import com.acme.platform.support.security.PlatformAuthorities;
import com.acme.platform.support.security.PlatformJwtValidators;
import com.acme.platform.support.security.TokenProperties;
import com.acme.platform.support.security.VerifiedTokens;
import io.netty.channel.ChannelOption;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Who may call what, as the platform contract says: product and analytics reads are public; orders and
 * notifications need a customer's, a client's or an admin's token; product writes and {@code /api/admin/**} need an
 * admin's. Anything else is left to routing (unknown paths are 404, not 401). A caller shows a bearer token (a JWT
 * from the platform's authorization server, or from any OIDC provider configured in its place: issuer, JWK set and
 * audience are configuration) or an {@code X-API-Key} for a machine client, which the gateway exchanges for that
 * client's token ({@link ApiKeyTokens}). Every service checks the relayed token again itself: this table is the
 * first gate, not the only one. Refused requests count against the caller's address in the rate limit.
 * Stateless: no session, no cookie, no CSRF token (there is no browser session to protect).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
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
    ApiKeyTokens apiKeyTokens(ApiKeyProperties properties) {
        return new ApiKeyTokens(properties);
    }

    /**
     * The token check: RS256 only ({@code alg: none} and HMAC refused), signature against the issuer's JWK set
     * (fetched once and cached, fetched again for an unknown key id), then issuer, audience and expiry; a token string
     * verified once is not verified again while it is valid ({@link VerifiedTokens}).
     */
    @Bean
    ReactiveJwtDecoder platformJwtDecoder(TokenProperties token) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) token.jwkSetTimeout().toMillis())
                .responseTimeout(token.jwkSetTimeout());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(token.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build())
                .build();
        decoder.setJwtValidator(PlatformJwtValidators.of(token));
        return new CachingReactiveJwtDecoder(decoder, new VerifiedTokens(token.verifiedCacheSize(), Clock.systemUTC()));
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ApiKeyAuthenticationManager apiKeyManager,
                                                  ApiKeyTokens apiKeyTokens, ReactiveJwtDecoder jwtDecoder,
                                                  ProblemDetailsErrorHandler problems, RefusedRequestLimiter rateLimit) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> rateLimit.countRefused(exchange)
                .then(Mono.defer(() -> problems.handle(exchange, unauthorized(exchange, e))))
                .onErrorResume(GatewayProblem.class, tooMany -> problems.handle(exchange, tooMany));
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.handle(exchange,
                new GatewayProblem(HttpStatus.FORBIDDEN, "The credentials are valid but may not "
                        + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value()));

        JwtReactiveAuthenticationManager jwtManager = new JwtReactiveAuthenticationManager(jwtDecoder);
        jwtManager.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(new PlatformAuthorities()));
        AuthenticationWebFilter bearer = authenticationFilter(jwtManager, exchange -> {
            String token;
            try {
                token = BearerTokens.fromHeader(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
            } catch (OAuth2AuthenticationException malformed) {
                return Mono.error(malformed);
            }
            return token == null ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(token));
        },
                unauthorized, (filterExchange, caller) -> proceed(filterExchange, caller, null));
        AuthenticationWebFilter apiKeys = authenticationFilter(apiKeyManager, exchange -> {
            String key = exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER);
            return key == null ? Mono.empty() : Mono.just(ApiKeyAuthenticationManager.presented(key));
        }, unauthorized, (filterExchange, caller) -> apiKeyTokens.tokenFor(caller.getName())
                .onErrorMap(e -> new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE,
                        "The API key is valid, but no access token could be obtained for it from the authorization server right now")
                        .retryAfter(Duration.ofSeconds(1)))
                .flatMap(token -> proceed(filterExchange, caller, token)));

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
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeExchange(rules -> rules
                        .pathMatchers(HttpMethod.GET, "/api/products", "/api/products/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/api/products", "/api/products/**").permitAll()
                        .pathMatchers("/api/products", "/api/products/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.GET, "/api/analytics/**").permitAll()
                        .pathMatchers("/api/analytics/**").hasRole("ADMIN")
                        .pathMatchers("/api/orders", "/api/orders/**").hasAnyRole("CUSTOMER", "CLIENT", "ADMIN")
                        .pathMatchers("/api/notifications", "/api/notifications/**").hasAnyRole("CUSTOMER", "CLIENT", "ADMIN")
                        .pathMatchers("/api/admin", "/api/admin/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .anyExchange().permitAll())
                .build();
    }

    private interface SuccessStep {
        Mono<Void> proceed(WebFilterExchange exchange, Authentication caller);
    }

    private static AuthenticationWebFilter authenticationFilter(ReactiveAuthenticationManager manager,
                                                                ServerAuthenticationConverter converter,
                                                                ServerAuthenticationEntryPoint unauthorized,
                                                                SuccessStep onSuccess) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(converter);
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthorized));
        filter.setAuthenticationSuccessHandler(onSuccess::proceed);
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }

    /**
     * The caller as exchange attributes, for the rate limit and sticky balancing (ClientKey) and, for an API-key
     * caller, the token to relay (IdentityForwardingFilter): read in place, where the Reactor context would cost a
     * lookup chain per request.
     */
    private static Mono<Void> proceed(WebFilterExchange filterExchange, Authentication caller, String relayedToken) {
        ServerWebExchange exchange = filterExchange.getExchange();
        exchange.getAttributes().put(ClientKey.ATTRIBUTE, ClientKey.of(caller, exchange));
        if (relayedToken != null) {
            exchange.getAttributes().put(IdentityForwardingFilter.RELAYED_TOKEN, relayedToken);
        }
        return filterExchange.getChain().filter(exchange);
    }

    /** 401 with {@code WWW-Authenticate} (RFC 6750: {@code invalid_token} when a token was sent and refused). */
    private static GatewayProblem unauthorized(ServerWebExchange exchange, Exception e) {
        HttpHeaders request = exchange.getRequest().getHeaders();
        boolean sentToken = request.getFirst(HttpHeaders.AUTHORIZATION) != null;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, sentToken
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is not valid\""
                : "Bearer");
        String detail;
        if (request.containsHeader(API_KEY_HEADER)) {
            detail = "The X-API-Key is not a known key";
        } else if (sentToken) {
            detail = "The bearer token was not accepted: " + e.getMessage();
        } else {
            detail = "This endpoint needs a token (Authorization: Bearer <access token>) or an X-API-Key";
        }
        return new GatewayProblem(HttpStatus.UNAUTHORIZED, detail);
    }

    /** CORS for the origins listed in {@code GATEWAY_CORS_ALLOWED_ORIGINS}; none by default. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(ApiKeyProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, API_KEY_HEADER, "Content-Type", "Idempotency-Key",
                "If-Match", "If-None-Match", "X-Request-Id", "X-Consistency-Token"));
        cors.setExposedHeaders(List.of("X-Request-Id", "X-Served-By", "ETag", "Location", "Retry-After", "WWW-Authenticate",
                "X-Consistency-Token", "X-RateLimit-Remaining", "X-RateLimit-Burst-Capacity", "X-RateLimit-Replenish-Rate"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
