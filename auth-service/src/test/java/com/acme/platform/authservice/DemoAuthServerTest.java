package com.acme.platform.authservice;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * auth-service in the demo profile (its clients and users) on a random port, with its key file in a temporary
 * directory. One context, shared by every test class that extends this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
abstract class DemoAuthServerTest {

    private static final Path KEYS = temporaryDirectory().resolve("jwks.json");

    @LocalServerPort
    int port;

    @Value("${auth.issuer-uri}")
    String issuer;

    AuthHttp http;

    @DynamicPropertySource
    static void keyFile(DynamicPropertyRegistry registry) {
        registry.add("auth.keys.jwk-set-file", KEYS::toString);
    }

    @BeforeEach
    void client() {
        http = new AuthHttp(port);
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("auth-service-test");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
