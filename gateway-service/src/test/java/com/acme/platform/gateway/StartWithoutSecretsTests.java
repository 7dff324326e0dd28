package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside the demo profile the gateway has no API keys: a start without them stops at once, naming the variable. */
class StartWithoutSecretsTests {

    @Test
    void aStartWithoutTheApiKeysFailsNamingTheVariable() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "GATEWAY_PORT=0", "GATEWAY_MANAGEMENT_PORT=0", "spring.main.banner-mode=off")
                .run().close())
                .satisfies(e -> {
                    StringBuilder messages = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append('\n');
                    }
                    org.assertj.core.api.Assertions.assertThat(messages.toString())
                            .contains("PLATFORM_ADMIN_API_KEY");
                });
    }
}
