package com.acme.platform.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The service's own identity for calls to other services ({@code platform.security.service-token}): its client id
 * and secret at the authorization server, the scopes it asks for (only what it needs: order-service
 * {@code products:prices}, worker-service {@code products:reserve}), the token endpoint and its timeout. The secret has
 * no default outside the demo profile: a start without it stops, naming the variable ({@link #secretVariable()}).
 */
@ConfigurationProperties("platform.security.service-token")
public record ServiceTokenProperties(String clientId, String clientSecret, List<String> scopes, URI tokenUri,
                                     Duration timeout) {

    public ServiceTokenProperties {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        if (clientId != null && (clientSecret == null || clientSecret.isBlank())) {
            throw new IllegalStateException("No client secret for " + clientId + ": set " + secretVariable(clientId)
                    + " (its demo value exists only in the demo profile, which ./local.sh up and the compose demo switch on)");
        }
    }

    /** {@code order-service} -> {@code ORDER_SERVICE_CLIENT_SECRET}: the variable the service's application.yml reads. */
    static String secretVariable(String clientId) {
        return clientId.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
    }
}
