package com.acme.platform.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;

import java.util.List;

/**
 * Calls to other services carry the calling service's own access token (client credentials, narrow scopes), obtained
 * from the authorization server once and kept until shortly before it expires (Spring Security's
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager}: one token per service, whichever request or Kafka
 * listener thread makes the call). Only in services that configure {@code platform.security.service-token.client-id}
 * and have Spring Security's OAuth2 client on their classpath; {@code ServiceClientsAutoConfiguration} adds the
 * interceptor to the load-balanced RestClient.
 */
@AutoConfiguration
@ConditionalOnClass(OAuth2ClientHttpRequestInterceptor.class)
@ConditionalOnProperty("platform.security.service-token.client-id")
@EnableConfigurationProperties(ServiceTokenProperties.class)
public class ServiceTokenAutoConfiguration {

    static final String REGISTRATION_ID = "platform";

    @Bean
    ServiceTokenInterceptor serviceTokenInterceptor(ServiceTokenProperties properties) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(properties.scopes())
                .tokenUri(properties.tokenUri().toString())
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);

        // The token request with the same timeouts as any call: a hung authorization server fails the call (and its
        // retry/breaker) instead of hanging it.
        SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
        http.setConnectTimeout(properties.timeout());
        http.setReadTimeout(properties.timeout());
        RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
        tokens.setRestClient(RestClient.builder().requestFactory(http)
                .messageConverters(converters -> {
                    converters.add(0, new FormHttpMessageConverter());
                    converters.add(1, new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(tokens);

        AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(provider);

        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION_ID);
        // The service itself is the principal, not the end user whose request led to the call: one token per service.
        UsernamePasswordAuthenticationToken self = UsernamePasswordAuthenticationToken.authenticated(properties.clientId(), null, List.of());
        interceptor.setPrincipalResolver(request -> self);
        return new ServiceTokenInterceptor(interceptor);
    }
}
