package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "GATEWAY_MAX_BODY_SIZE=64KB")
class RequestSizeLimitTests extends GatewayTestSupport {

    @Test
    void aBodyOverTheLimitIs413Problem() throws Exception {
        HttpResponse<String> response = send("POST", "/api/products", HttpRequest.BodyPublishers.ofByteArray(new byte[200_000]),
                "Content-Type", "application/json", "X-API-Key", ADMIN_KEY);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("exceeds the limit of 65536 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        HttpResponse<String> response = send("POST", "/api/products",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[200_000])),
                "Content-Type", "application/json", "X-API-Key", ADMIN_KEY);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aBodyUnderTheLimitPasses() throws Exception {
        HttpResponse<String> response = send("POST", "/api/products", HttpRequest.BodyPublishers.ofByteArray(new byte[10_000]),
                "Content-Type", "application/json", "X-API-Key", ADMIN_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
