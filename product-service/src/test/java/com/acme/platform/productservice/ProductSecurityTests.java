package com.acme.platform.productservice;

import com.acme.platform.testsupport.LocalHttp;
import com.acme.platform.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * product-service checks every caller itself, on its own port whatever the network: reads are public, writes need an
 * admin token, the internal API a service token with the scope of the call (prices for order-service, reservations
 * for worker-service). Bad tokens are 401 with WWW-Authenticate; a forged identity header changes nothing.
 */
class ProductSecurityTests extends AbstractIntegrationTest {

    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();
    private static final String PRODUCT = """
            {"sku":"SEC-%s","name":"Lock","description":"d","priceCents":100,"currency":"EUR","stock":5}""";

    private HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return LocalHttp.ANONYMOUS.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String product() {
        return PRODUCT.formatted(System.nanoTime());
    }

    @Test
    void writesNeedAnAdminTokenOnTheServicesOwnPort() throws Exception {
        HttpResponse<String> none = call("POST", "/api/products", product());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(call("POST", "/api/products", product(), "X-Principal", "admin", "X-Principal-Roles", "ADMIN").statusCode())
                .as("a forged identity header").isEqualTo(401);
        assertThat(call("POST", "/api/products", product(), "Authorization", "Bearer " + TOKENS.customer("alice")).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/products", product(), "Authorization", "Bearer " + TOKENS.admin()).statusCode())
                .isEqualTo(201);
        assertThat(call("GET", "/api/products?limit=1", null).statusCode()).as("reads are public").isEqualTo(200);
    }

    @Test
    void badTokensAre401() throws Exception {
        List<String> admin = List.of("ADMIN");
        try (TestTokenIssuer elsewhere = new TestTokenIssuer()) {
            for (String token : List.of(TOKENS.expired("admin", admin), TOKENS.forAudience("another-api", "admin", admin),
                    TOKENS.signedByUnknownKey("admin", admin), TOKENS.unsigned("admin", admin), elsewhere.admin())) {
                HttpResponse<String> response = call("POST", "/api/products", product(), "Authorization", "Bearer " + token);
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
            }
        }
    }

    @Test
    void theInternalApiNeedsTheScopeOfEachCall() throws Exception {
        String ids = "/internal/products?ids=00000000-0000-0000-0000-000000000001";
        String reservation = "{\"reservations\":[{\"orderId\":\"" + java.util.UUID.randomUUID()
                + "\",\"items\":[{\"productId\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":1}]}]}";
        assertThat(call("GET", ids, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", ids, null, "Authorization", "Bearer " + TOKENS.service("worker-service", "products:reserve")).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", ids, null, "Authorization", "Bearer " + TOKENS.service("order-service", "products:prices")).statusCode())
                .isEqualTo(200);
        assertThat(call("POST", "/internal/stock-reservations/batch", reservation,
                "Authorization", "Bearer " + TOKENS.service("order-service", "products:prices")).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/internal/stock-reservations/batch", reservation,
                "Authorization", "Bearer " + TOKENS.service("worker-service", "products:reserve")).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/internal/stock-reservations/batch", reservation,
                "Authorization", "Bearer " + TOKENS.customer("alice")).statusCode()).isEqualTo(403);
    }
}
