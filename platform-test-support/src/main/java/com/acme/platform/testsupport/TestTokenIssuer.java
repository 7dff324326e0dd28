package com.acme.platform.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2 issuer for the services under test, over real HTTP: it publishes a JWK set ({@code /oauth2/jwks}) and
 * answers the client-credentials grant ({@code /oauth2/token}) for the service clients, so a service checks tokens
 * and obtains its own exactly as against auth-service (same claims: {@code sub}, {@code aud}, {@code roles},
 * {@code scope}; docs/security.md). Unlike auth-service it can also mint the tokens an attacker would send: expired,
 * for another audience, from another issuer, signed by an unknown key, unsigned. auth-service's own tests prove it
 * issues tokens of this shape.
 */
public final class TestTokenIssuer implements AutoCloseable {

    public static final String AUDIENCE = "platform";
    /** The secret every service client has at this issuer (tests set it as the service's client secret). */
    public static final String CLIENT_SECRET = "test-client-secret";

    private static volatile TestTokenIssuer shared;

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final Map<String, List<String>> lastScopes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, RegisteredClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    private record RegisteredClient(String secret, List<String> roles, List<String> scopes) {
    }

    /**
     * Registers a client with its own secret, roles and scopes (like auth-service's {@code api-key-admin}, whose
     * secret is the API key); unregistered client ids get a SERVICE token with the scopes they ask for, with
     * {@link #CLIENT_SECRET}.
     */
    public TestTokenIssuer registerClient(String clientId, String secret, List<String> roles, List<String> scopes) {
        clients.put(clientId, new RegisteredClient(secret, roles, scopes));
        return this;
    }

    /** The issuer every test of this JVM uses, started on first use. */
    public static TestTokenIssuer shared() {
        TestTokenIssuer issuer = shared;
        if (issuer == null) {
            synchronized (TestTokenIssuer.class) {
                if (shared == null) {
                    shared = new TestTokenIssuer();
                }
                issuer = shared;
            }
        }
        return issuer;
    }

    /** A second, independent issuer (own key, own URL): what a token from somewhere else looks like. */
    public TestTokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/oauth2/jwks", exchange -> reply(exchange, 200,
                new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/oauth2/token", this::token);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-token-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /**
     * Points the service under test at this issuer: the issuer and JWK set it checks tokens against, and the token
     * endpoint and secret it obtains its own tokens with. Call it from a {@code @DynamicPropertySource} method.
     */
    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The same settings as a map, for a service started with {@code SpringApplicationBuilder.properties}. */
    public Map<String, String> properties() {
        return Map.of("PLATFORM_TOKEN_ISSUER", issuer,
                "PLATFORM_JWK_SET_URI", issuer + "/oauth2/jwks",
                "PLATFORM_TOKEN_AUDIENCE", AUDIENCE,
                "PLATFORM_TOKEN_URI", issuer + "/oauth2/token",
                "ORDER_SERVICE_CLIENT_SECRET", CLIENT_SECRET,
                "WORKER_SERVICE_CLIENT_SECRET", CLIENT_SECRET);
    }

    public String issuer() {
        return issuer;
    }

    /** How many tokens the client-credentials endpoint has issued (a service caches its own token). */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    // --- tokens of the platform's callers ----------------------------------------------------------------------

    /** A customer's token from the authorization-code flow: {@code sub} is the customer id. */
    public String customer(String customerId) {
        return token(customerId, List.of("CUSTOMER"), List.of("openid"));
    }

    public String admin() {
        return token("admin", List.of("ADMIN"), List.of());
    }

    /** A machine client; with {@code anyCustomer} it may act for any customer ({@code orders:any-customer}). */
    public String client(String clientId, boolean anyCustomer) {
        return token(clientId, List.of("CLIENT"), anyCustomer ? List.of("orders:any-customer") : List.of());
    }

    /** A service's client-credentials token with these scopes. */
    public String service(String clientId, String... scopes) {
        return token(clientId, List.of("SERVICE"), List.of(scopes));
    }

    /** A caller allowed everything (admin, every scope): the default of the feature tests' HTTP client. */
    public String unrestricted() {
        return token("test-admin", List.of("ADMIN"),
                List.of("orders:any-customer", "products:prices", "products:reserve"));
    }

    public String token(String subject, List<String> roles, List<String> scopes) {
        return sign(claims(subject, roles, scopes, AUDIENCE, Instant.now().plus(Duration.ofMinutes(10))).build(), key);
    }

    // --- tokens an attacker would send ------------------------------------------------------------------------

    public String expired(String subject, List<String> roles) {
        return sign(claims(subject, roles, List.of(), AUDIENCE, Instant.now().minus(Duration.ofMinutes(5))).build(), key);
    }

    public String forAudience(String audience, String subject, List<String> roles) {
        return sign(claims(subject, roles, List.of(), audience, Instant.now().plus(Duration.ofMinutes(10))).build(), key);
    }

    /** Well-formed and with this issuer's {@code kid}, but signed by a key nobody published. */
    public String signedByUnknownKey(String subject, List<String> roles) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            return sign(claims(subject, roles, List.of(), AUDIENCE, Instant.now().plus(Duration.ofMinutes(10))).build(), stranger);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: claims without a signature. */
    public String unsigned(String subject, List<String> roles) {
        return new PlainJWT(claims(subject, roles, List.of(), AUDIENCE, Instant.now().plus(Duration.ofMinutes(10))).build()).serialize();
    }

    private JWTClaimsSet.Builder claims(String subject, List<String> roles, List<String> scopes, String audience, Instant expiry) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now.isBefore(expiry) ? now : expiry.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles);
        if (!scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", scopes));
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Client credentials (HTTP Basic, any client id, {@link #CLIENT_SECRET}): a SERVICE token with the scopes asked for. */
    private void token(HttpExchange exchange) throws IOException {
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        String[] credentials = basic == null || !basic.startsWith("Basic ") ? new String[0]
                : new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String clientId = credentials.length == 2 ? URLDecoder.decode(credentials[0], StandardCharsets.UTF_8) : "";
        RegisteredClient client = clients.getOrDefault(clientId, new RegisteredClient(CLIENT_SECRET, List.of("SERVICE"), null));
        if (credentials.length != 2 || !client.secret().equals(URLDecoder.decode(credentials[1], StandardCharsets.UTF_8))
                || !"client_credentials".equals(form.get("grant_type"))) {
            reply(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        List<String> asked = form.getOrDefault("scope", "").isBlank() ? List.of() : List.of(form.get("scope").split(" "));
        List<String> scopes = client.scopes() == null ? asked : client.scopes();
        lastScopes.put(clientId, asked);
        tokensIssued.incrementAndGet();
        String token = token(clientId, client.roles(), scopes);
        reply(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":600"
                + (scopes.isEmpty() ? "" : ",\"scope\":\"" + String.join(" ", scopes) + "\"") + "}");
    }

    /** The scopes a client last asked for at the token endpoint (empty if it never did). */
    public List<String> scopesAskedBy(String clientId) {
        return lastScopes.getOrDefault(clientId, List.of());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
