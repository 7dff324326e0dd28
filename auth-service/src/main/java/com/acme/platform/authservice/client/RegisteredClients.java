package com.acme.platform.authservice.client;

import com.acme.platform.authservice.config.AuthProperties;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.util.List;

/** The clients of {@code auth.clients}, as Spring Authorization Server's registered clients. */
public final class RegisteredClients {

    /** Where a client's configured roles travel with it, for {@code TokenClaimsCustomizer}. */
    private static final String ROLES_SETTING = "platform.roles";

    private RegisteredClients() {
    }

    /**
     * In memory: the clients come from configuration at every start, so there is nothing to persist. Secrets are
     * hashed here and the configured clear text is not kept in any bean.
     */
    public static InMemoryRegisteredClientRepository repository(AuthProperties properties, PasswordEncoder encoder) {
        List<RegisteredClient> clients = properties.clients().entrySet().stream()
                .map(entry -> registered(entry.getKey(), entry.getValue(), properties.token(), encoder))
                .toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** The {@code roles} of a client's own tokens (client credentials). */
    public static List<String> roles(RegisteredClient client) {
        List<String> roles = client.getClientSettings().getSetting(ROLES_SETTING);
        return roles == null ? List.of() : roles;
    }

    private static RegisteredClient registered(String id, AuthProperties.Client client, AuthProperties.Token token,
                                               PasswordEncoder encoder) {
        // The client id doubles as the internal id: stable across restarts, and readable in logs.
        RegisteredClient.Builder builder = RegisteredClient.withId(id).clientId(id);
        if (client.isPublic()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(encoder.encode(client.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        client.grantTypes().forEach(grant -> builder.authorizationGrantType(new AuthorizationGrantType(grant.value())));
        client.redirectUris().forEach(builder::redirectUri);
        client.scopes().forEach(builder::scope);
        return builder
                .clientSettings(ClientSettings.builder()
                        // PKCE for every authorization code, as OAuth 2.1 asks; for a public client it is the only
                        // thing that ties the code to the app that asked for it.
                        .requireProofKey(true)
                        // First-party clients only: a consent page would ask people to approve our own apps.
                        .requireAuthorizationConsent(false)
                        .setting(ROLES_SETTING, client.roles().stream().map(Enum::name).sorted().toList())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(token.accessTokenTtl())
                        .refreshTokenTimeToLive(token.refreshTokenTtl())
                        // Each refresh returns a new refresh token and the old one stops working: a stolen refresh
                        // token of a public client (which cannot prove who it is) is good for one use at most.
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }
}
