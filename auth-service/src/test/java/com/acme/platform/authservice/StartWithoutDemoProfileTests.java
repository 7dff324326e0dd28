package com.acme.platform.authservice;

import com.acme.platform.authservice.key.JwkSetFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Outside the demo profile there is no demo secret, user or key: a start without its configuration stops at once
 * and says which variables to set, and a configured start knows only the configured secrets.
 */
class StartWithoutDemoProfileTests {

    /** Every variable application.yml requires, with made-up values. */
    private static final List<String> REQUIRED = List.of(
            "AUTH_ISSUER_URI=http://auth.example.test", "ORDER_SERVICE_CLIENT_SECRET=order-secret-from-env",
            "WORKER_SERVICE_CLIENT_SECRET=worker-secret-from-env", "PLATFORM_ADMIN_API_KEY=admin-key-from-env",
            "PLATFORM_CLIENT_API_KEY=client-key-from-env", "AUTH_PUBLIC_CLIENT_REDIRECT_URIS=https://app.example.test/cb");

    @TempDir
    Path directory;

    @Test
    void aStartWithoutSecretsFailsNamingEveryMissingVariable() {
        Throwable failure = catchThrowable(() -> start(List.of()).close());

        assertThat(failure).isNotNull();
        assertThat(messages(failure)).contains("AUTH_ISSUER_URI", "AUTH_JWK_SET_FILE", "ORDER_SERVICE_CLIENT_SECRET",
                "WORKER_SERVICE_CLIENT_SECRET", "PLATFORM_ADMIN_API_KEY", "PLATFORM_CLIENT_API_KEY",
                "AUTH_PUBLIC_CLIENT_REDIRECT_URIS");
    }

    @Test
    void aMissingKeyFileFailsTheStartNamingAuthJwkSetFile() {
        Path missing = directory.resolve("jwks.json");
        List<String> properties = new ArrayList<>(REQUIRED);
        properties.add("AUTH_JWK_SET_FILE=" + missing);

        Throwable failure = catchThrowable(() -> start(properties).close());

        assertThat(messages(failure)).contains("AUTH_JWK_SET_FILE").contains(missing.toString());
        assertThat(missing).doesNotExist();   // outside demo a key is never generated behind the operator's back
    }

    @Test
    void aConfiguredStartAcceptsTheConfiguredSecretsAndNoDemoOnes() throws Exception {
        Path keys = directory.resolve("jwks.json");
        JwkSetFile.loadOrGenerate(keys, true);   // the operator's key file
        List<String> properties = new ArrayList<>(REQUIRED);
        properties.add("AUTH_JWK_SET_FILE=" + keys);

        try (ConfigurableApplicationContext context = start(properties)) {
            AuthHttp http = new AuthHttp(((WebServerApplicationContext) context).getWebServer().getPort());

            var token = http.clientCredentials("order-service", "order-secret-from-env", "products:prices");
            assertThat(token.statusCode()).isEqualTo(200);
            assertThat(http.decoder().decode(AuthHttp.json(token).path("access_token").asString()).getIssuer())
                    .hasToString("http://auth.example.test");
            assertThat(http.clientCredentials("order-service", "order-service-secret", null).statusCode()).isEqualTo(401);
            assertThat(http.clientCredentials("demo-client", "demo-client-secret", null).statusCode()).isEqualTo(401);
        }
    }

    private static ConfigurableApplicationContext start(List<String> properties) {
        // As command-line arguments: above application.yml, as environment variables would be.
        Stream<String> arguments = Stream.concat(properties.stream(), Stream.of("server.port=0")).map(p -> "--" + p);
        return new SpringApplicationBuilder(AuthServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    /** The failure and all its causes, as an operator reads them in the log. */
    private static String messages(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, Throwable::getCause)
                .map(String::valueOf)
                .reduce("", (a, b) -> a + "\n" + b);
    }
}
