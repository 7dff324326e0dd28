package com.acme.platform.gateway.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import io.netty.channel.ChannelOption;

import java.util.List;
import java.util.Map;

/**
 * The access token an API-key caller is relayed with: the key is the client secret of its OAuth2 client at the
 * authorization server, and the gateway obtains that client's token with the client-credentials grant, then keeps it
 * until shortly before it expires (Spring Security's reactive authorized-client manager: one token request per client
 * per token lifetime, not per request). The services thus check a token for every caller and never see a key.
 */
public final class ApiKeyTokens {

    private final AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager;
    private final Map<String, UsernamePasswordAuthenticationToken> principals;

    public ApiKeyTokens(ApiKeyProperties properties) {
        InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
                registration(ApiKeyProperties.ADMIN_CLIENT_ID, properties.adminApiKey(), properties),
                registration(ApiKeyProperties.CLIENT_CLIENT_ID, properties.clientApiKey(), properties));
        // A hung authorization server fails the API-key request (503) within the timeout instead of hanging it.
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.tokenTimeout().toMillis())
                .responseTimeout(properties.tokenTimeout());
        WebClientReactiveClientCredentialsTokenResponseClient tokens = new WebClientReactiveClientCredentialsTokenResponseClient();
        tokens.setWebClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build());
        ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(tokens);
        manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations,
                new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(provider);
        principals = Map.of(
                ApiKeyProperties.ADMIN_CLIENT_ID, UsernamePasswordAuthenticationToken.authenticated(ApiKeyProperties.ADMIN_CLIENT_ID, null, List.of()),
                ApiKeyProperties.CLIENT_CLIENT_ID, UsernamePasswordAuthenticationToken.authenticated(ApiKeyProperties.CLIENT_CLIENT_ID, null, List.of()));
    }

    /** The current access token of {@code clientId}, from memory unless it expires within a minute. */
    public Mono<String> tokenFor(String clientId) {
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(clientId)
                .principal(principals.get(clientId)).build();
        return manager.authorize(request).map(client -> client.getAccessToken().getTokenValue());
    }

    private static ClientRegistration registration(String clientId, String key, ApiKeyProperties properties) {
        return ClientRegistration.withRegistrationId(clientId)
                .clientId(clientId)
                .clientSecret(key)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(properties.tokenUri().toString())
                .build();
    }
}
