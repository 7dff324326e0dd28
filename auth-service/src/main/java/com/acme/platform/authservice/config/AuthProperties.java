package com.acme.platform.authservice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this authorization server issues and to whom; every value is documented (unit and why) in application.yml,
 * the demo values are in application-demo.yml only.
 * <p>
 * Secrets and the issuer have no default outside the demo profile: application.yml writes them as {@code ${NAME}}.
 * Spring Boot binds a placeholder it cannot resolve as its literal text, so without the check below a missing
 * {@code ORDER_SERVICE_CLIENT_SECRET} would silently become the client secret "${ORDER_SERVICE_CLIENT_SECRET}".
 * The check lists every unset variable at once, so an operator fixes the deployment in one go.
 *
 * @param issuerUri the {@code iss} of every token and the base of the discovery document ({@code AUTH_ISSUER_URI})
 * @param token     lifetimes and audience of the tokens
 * @param keys      where the signing keys live
 * @param clients   the registered clients by client id; a map, so the demo profile can add a client
 * @param users     the people who can log in by user name; only the demo profile has any
 */
@Validated
@ConfigurationProperties("auth")
public record AuthProperties(String issuerUri, @NotNull @Valid Token token, @NotNull @Valid Keys keys,
                             Map<String, @Valid Client> clients, Map<String, @Valid User> users) {

    /** What Spring leaves behind for {@code ${NAME}} when nothing defines NAME. */
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{([^}:]+)}");

    public AuthProperties {
        clients = clients == null ? Map.of() : clients;
        users = users == null ? Map.of() : users;
        List<String> missing = new ArrayList<>();
        require("auth.issuer-uri", issuerUri, missing);
        require("auth.keys.jwk-set-file", keys == null ? null : keys.jwkSetFile(), missing);
        clients.forEach((id, client) -> {
            if (client.secret() != null) {
                require("auth.clients." + id + ".secret", client.secret(), missing);
            }
            client.redirectUris().forEach(uri -> require("auth.clients." + id + ".redirect-uris", uri, missing));
        });
        users.forEach((name, user) -> require("auth.users." + name + ".password", user.password(), missing));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("auth-service needs configuration that is not set: "
                    + String.join("; ", missing)
                    + ". Set these environment variables, or run with SPRING_PROFILES_ACTIVE=demo for the demo values");
        }
    }

    private static void require(String property, String value, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(property + " is empty");
            return;
        }
        Matcher unresolved = UNRESOLVED.matcher(value);
        if (unresolved.find()) {
            missing.add(unresolved.group(1) + " (" + property + ")");
        }
    }

    /**
     * @param audience        the {@code aud} of every access token; the resource servers accept only this one
     * @param accessTokenTtl  how long an access token is accepted
     * @param refreshTokenTtl how long a person's refresh token can be used (each use replaces it)
     */
    public record Token(@NotBlank String audience, @NotNull Duration accessTokenTtl, @NotNull Duration refreshTokenTtl) {
    }

    /**
     * @param jwkSetFile        a JWK set (RFC 7517) with private keys: the first signs, all are published
     * @param generateIfMissing create the file with one new key when it does not exist (demo only: a deployment
     *                          must not silently get a key nobody backed up)
     */
    public record Keys(String jwkSetFile, boolean generateIfMissing) {
    }

    /**
     * A registered client. One without a secret is public: it must use PKCE and has no secret to present.
     *
     * @param secret       the client secret, or none for a public client
     * @param grantTypes   the grants it may use
     * @param scopes       the scopes it may ask for
     * @param roles        the {@code roles} claim of its own tokens (client credentials); people's tokens carry
     *                     the person's roles instead
     * @param redirectUris where the authorization code may be sent (authorization_code only)
     */
    public record Client(String secret, @NotEmpty Set<GrantType> grantTypes, Set<String> scopes, Set<Role> roles,
                         List<String> redirectUris) {

        public Client {
            scopes = scopes == null ? Set.of() : scopes;
            roles = roles == null ? Set.of() : roles;
            redirectUris = redirectUris == null ? List.of() : redirectUris;
            if (grantTypes != null && grantTypes.contains(GrantType.CLIENT_CREDENTIALS) && secret == null) {
                throw new IllegalArgumentException("a client_credentials client needs a secret");
            }
            if (grantTypes != null && grantTypes.contains(GrantType.AUTHORIZATION_CODE) && redirectUris.isEmpty()) {
                throw new IllegalArgumentException("an authorization_code client needs redirect-uris");
            }
        }

        public boolean isPublic() {
            return secret == null;
        }
    }

    /**
     * @param password the password (encoded at start-up, never kept in clear)
     * @param roles    the person's roles, e.g. CUSTOMER
     */
    public record User(String password, @NotEmpty Set<Role> roles) {
    }

    /** The grants a client may be given; bound from {@code client_credentials} etc. */
    public enum GrantType {
        CLIENT_CREDENTIALS, AUTHORIZATION_CODE, REFRESH_TOKEN;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The roles the resource servers know (identity contract): each becomes {@code ROLE_<name>} there. */
    public enum Role {
        CUSTOMER, ADMIN, CLIENT, SERVICE
    }
}
