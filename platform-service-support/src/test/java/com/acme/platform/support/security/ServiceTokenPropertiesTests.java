package com.acme.platform.support.security;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service without its client secret (no demo profile) stops at start-up, naming the variable to set. */
class ServiceTokenPropertiesTests {

    @Test
    void aMissingSecretNamesTheVariable() {
        assertThatThrownBy(() -> new ServiceTokenProperties("order-service", "", List.of("products:prices"),
                URI.create("http://127.0.0.1:9000/oauth2/token"), Duration.ofSeconds(2)))
                .hasMessageContaining("ORDER_SERVICE_CLIENT_SECRET").hasMessageContaining("demo profile");
    }

    @Test
    void aConfiguredSecretStarts() {
        assertThat(new ServiceTokenProperties("worker-service", "s3cret", null, URI.create("http://auth/oauth2/token"), null)
                .timeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
