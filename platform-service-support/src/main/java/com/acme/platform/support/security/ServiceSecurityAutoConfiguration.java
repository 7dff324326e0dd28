package com.acme.platform.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;

/**
 * The token check every servlet service shares: a {@link JwtDecoder} for the platform's issuer (RS256 only, so
 * {@code alg: none} and HMAC tokens are refused; the JWK set fetched on first use and cached by Nimbus, refetched
 * when a token names an unknown key), wrapped in {@link CachingJwtDecoder}; and {@link ResourceServerSecurity} for
 * the service's own {@code SecurityConfig}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(TokenProperties.class)
public class ServiceSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder platformJwtDecoder(TokenProperties token) {
        // A hung authorization server costs a request at most these timeouts, and only when a key is unknown.
        SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
        http.setConnectTimeout(token.jwkSetTimeout());
        http.setReadTimeout(token.jwkSetTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(token.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(new RestTemplate(http))
                .build();
        decoder.setJwtValidator(PlatformJwtValidators.of(token));
        return new CachingJwtDecoder(decoder, new VerifiedTokens(token.verifiedCacheSize(), Clock.systemUTC()));
    }

    /**
     * No observation wrappers around Spring Security's filters, authentication and authorization (the gateway does
     * the same): with an observation registry present, Spring Security decorates each of its filters with one, on
     * every request, public reads included. The request's own observation (metrics, trace) is unaffected.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ResourceServerSecurity resourceServerSecurity(JwtDecoder decoder) {
        return new ResourceServerSecurity(decoder);
    }
}
