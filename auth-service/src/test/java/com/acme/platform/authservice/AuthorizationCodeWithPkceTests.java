package com.acme.platform.authservice;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person logs in through the public client (Swagger UI, Postman) with the authorization code flow and PKCE, driven
 * hop by hop over HTTP as a browser would: authorize, login page, login form, authorize again, redirect with the code,
 * code exchange, refresh.
 */
class AuthorizationCodeWithPkceTests extends DemoAuthServerTest {

    private static final String CLIENT = "platform-public";
    private static final String REDIRECT_URI = "http://localhost:8080/swagger-ui/oauth2-redirect.html";
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    @Test
    void aliceGetsAnAccessTokenWithHerRolesAnIdTokenAndARefreshToken() throws Exception {
        String verifier = codeVerifier();
        String code = logInAndGetCode("alice", challenge(verifier));

        HttpResponse<String> response = exchange(code, verifier);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tokens = AuthHttp.json(response);
        Jwt access = http.decoder().decode(tokens.path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("alice");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(access.getAudience()).containsExactly("platform");
        assertThat(access.getIssuer()).hasToString(issuer);
        assertThat(access.getClaimAsStringList("scope")).containsExactlyInAnyOrder("openid", "profile");

        // The ID token is OIDC's, for the client: its audience is the client id.
        Jwt id = http.decoder().decode(tokens.path("id_token").asString());
        assertThat(id.getSubject()).isEqualTo("alice");
        assertThat(id.getAudience()).containsExactly(CLIENT);

        HttpResponse<String> userInfo = http.client.send(HttpRequest.newBuilder(http.uri("/userinfo"))
                .header("Authorization", "Bearer " + tokens.path("access_token").asString()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userInfo.statusCode()).isEqualTo(200);
        assertThat(AuthHttp.json(userInfo).path("sub").asString()).isEqualTo("alice");

        assertThat(tokens.path("refresh_token").asString()).isNotBlank();
    }

    @Test
    void theRefreshTokenGivesANewAccessTokenAndIsGoodForOneUse() throws Exception {
        String verifier = codeVerifier();
        JsonNode tokens = AuthHttp.json(exchange(logInAndGetCode("bob", challenge(verifier)), verifier));
        String refreshToken = tokens.path("refresh_token").asString();

        HttpResponse<String> refreshed = refresh(refreshToken);

        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode newTokens = AuthHttp.json(refreshed);
        Jwt access = http.decoder().decode(newTokens.path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("bob");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(access.getId()).isNotEqualTo(http.decoder().decode(tokens.path("access_token").asString()).getId());
        // Rotation: the used refresh token is replaced, and a second use of it is refused.
        assertThat(newTokens.path("refresh_token").asString()).isNotBlank().isNotEqualTo(refreshToken);
        HttpResponse<String> reused = refresh(refreshToken);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(AuthHttp.json(reused).path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void theAdminUserGetsTheAdminRole() throws Exception {
        String verifier = codeVerifier();

        JsonNode tokens = AuthHttp.json(exchange(logInAndGetCode("admin", challenge(verifier)), verifier));

        Jwt access = http.decoder().decode(tokens.path("access_token").asString());
        assertThat(access.getClaimAsStringList("roles")).containsExactly("ADMIN");
    }

    @Test
    void theCodeExchangeFailsWithoutTheCodeVerifier() throws Exception {
        String code = logInAndGetCode("alice", challenge(codeVerifier()));

        HttpResponse<String> response = exchange(code, null);

        // code_verifier is the public client's only credential: without it the client is not authenticated.
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthHttp.json(response).path("error").asString()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void theCodeExchangeFailsWithAnotherCodeVerifier() throws Exception {
        String code = logInAndGetCode("alice", challenge(codeVerifier()));

        HttpResponse<String> response = exchange(code, codeVerifier());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthHttp.json(response).path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
        HttpResponse<String> authorize = http.get(authorizeUri(null), "text/html");

        // Refused before any login, back to the client's redirect URI, as OAuth2 prescribes once the client is known.
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(location(authorize)).startsWith(REDIRECT_URI).contains("error=invalid_request", "code_challenge")
                .doesNotContain("code=");
    }

    @Test
    void aWrongPasswordKeepsThePersonOnTheLoginPage() throws Exception {
        HttpResponse<String> afterLogin = submitLogin("alice", "wrong-password", authorizeUri(challenge(codeVerifier())));

        assertThat(afterLogin.statusCode()).isEqualTo(302);
        assertThat(location(afterLogin)).endsWith("/login?error");
    }

    /** The browser hops up to the redirect to the client with the code. */
    private String logInAndGetCode(String user, String challenge) throws Exception {
        HttpResponse<String> login = logIn(user, authorizeUri(challenge));
        // Back to /oauth2/authorize, now with a session: no consent page for our own clients, straight to the code.
        HttpResponse<String> authorized = http.get(URI.create(location(login)), "text/html");
        assertThat(authorized.statusCode()).isEqualTo(302);
        String redirect = location(authorized);
        assertThat(redirect).startsWith(REDIRECT_URI).contains("state=");
        Matcher code = CODE.matcher(redirect);
        assertThat(code.find()).as("code in %s", redirect).isTrue();
        return URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> logIn(String user, URI authorize) throws Exception {
        HttpResponse<String> afterLogin = submitLogin(user, "demo-password", authorize);
        assertThat(afterLogin.statusCode()).isEqualTo(302);
        assertThat(location(afterLogin)).contains("/oauth2/authorize");
        return afterLogin;
    }

    private HttpResponse<String> submitLogin(String user, String password, URI authorize) throws Exception {
        HttpResponse<String> toLogin = http.get(authorize, "text/html");
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(location(toLogin)).endsWith("/login");

        HttpResponse<String> loginPage = http.get(URI.create(location(toLogin)), "text/html");
        assertThat(loginPage.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(loginPage.body());
        assertThat(csrf.find()).as("CSRF token on the login page").isTrue();

        return http.postForm("/login", Map.of("username", user, "password", password, "_csrf", csrf.group(1)), null);
    }

    private URI authorizeUri(String challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT);
        query.put("scope", "openid profile");
        query.put("redirect_uri", REDIRECT_URI);
        query.put("state", UUID.randomUUID().toString());
        if (challenge != null) {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        return http.uri("/oauth2/authorize?" + AuthHttp.encode(query));
    }

    private HttpResponse<String> exchange(String code, String verifier) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT_URI);
        form.put("client_id", CLIENT);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return http.postForm("/oauth2/token", form, null);
    }

    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        return http.postForm("/oauth2/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT), null);
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no Location header; status " + response.statusCode()));
    }

    /** RFC 7636: 32 random bytes, base64url: 43 characters from the unreserved set. */
    private static String codeVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
