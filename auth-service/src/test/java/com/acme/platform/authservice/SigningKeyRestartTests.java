package com.acme.platform.authservice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo profile generates its signing key once and keeps it: tokens issued before a restart still verify after
 * it, against the JWK set the restarted server publishes.
 */
class SigningKeyRestartTests {

    @TempDir
    Path directory;

    @Test
    void aTokenFromBeforeARestartVerifiesAgainstTheKeysPublishedAfterIt() throws Exception {
        Path keys = directory.resolve("auth").resolve("jwks.json");
        String token;
        String kidBefore;
        try (ConfigurableApplicationContext first = start(keys)) {
            AuthHttp http = new AuthHttp(port(first));
            token = AuthHttp.json(http.clientCredentials("worker-service", "worker-service-secret", null))
                    .path("access_token").asString();
            kidBefore = http.decoder().decode(token).getHeaders().get("kid").toString();
        }
        // Private keys: readable by the owner only.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        String fileBefore = Files.readString(keys);

        try (ConfigurableApplicationContext second = start(keys)) {
            AuthHttp http = new AuthHttp(port(second));
            Jwt verified = http.decoder().decode(token);
            assertThat(verified.getSubject()).isEqualTo("worker-service");
            String jwks = http.get(http.uri("/oauth2/jwks"), "application/json").body();
            assertThat(AuthHttp.json(http.get(http.uri("/oauth2/jwks"), "application/json")).path("keys").get(0)
                    .path("kid").asString()).isEqualTo(kidBefore);
            // Only public parts are published.
            assertThat(jwks).doesNotContain("\"d\"", "\"p\"", "\"q\"");
        }
        assertThat(Files.readString(keys)).isEqualTo(fileBefore);
    }

    private static ConfigurableApplicationContext start(Path keys) {
        return new SpringApplicationBuilder(AuthServiceApplication.class)
                .profiles("demo")
                .run("--server.port=0", "--auth.keys.jwk-set-file=" + keys);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
