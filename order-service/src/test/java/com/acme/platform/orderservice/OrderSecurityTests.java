package com.acme.platform.orderservice;

import com.acme.platform.testsupport.LocalHttp;
import com.acme.platform.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service checks every caller itself, on its own port, whoever can reach it: no token or a bad one is 401
 * with WWW-Authenticate; a customer places orders as itself and reads only its own (someone else's is 404); a
 * forged identity header changes nothing; calls to product-service carry order-service's own narrow token.
 */
class OrderSecurityTests extends AbstractIntegrationTest {

    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();

    private HttpResponse<String> anonymous(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return LocalHttp.ANONYMOUS.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void aCallWithoutATokenIs401ProblemWithWwwAuthenticate() throws Exception {
        HttpResponse<String> response = anonymous("/api/orders?customerId=alice");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("needs a token");
    }

    @Test
    void expiredForeignUnsignedAndOtherAudienceTokensAre401() throws Exception {
        List<String> admin = List.of("ADMIN");
        TestTokenIssuer elsewhere = new TestTokenIssuer();
        try {
            for (String token : List.of(TOKENS.expired("admin", admin), TOKENS.forAudience("another-api", "admin", admin),
                    TOKENS.signedByUnknownKey("admin", admin), TOKENS.unsigned("admin", admin), elsewhere.admin(),
                    "not-a-jwt")) {
                HttpResponse<String> response = anonymous("/api/orders?customerId=alice", "Authorization", bearer(token));
                assertThat(response.statusCode()).as(token).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
            }
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void forgedIdentityHeadersChangeNothing() throws Exception {
        assertThat(anonymous("/api/orders?customerId=alice", "X-Principal", "admin", "X-Principal-Roles", "ADMIN")
                .statusCode()).isEqualTo(401);
        UUID product = CATALOG.add(300, 10);
        HttpResponse<String> alices = postOrder(UUID.randomUUID().toString(), orderBody("alice", product, 1),
                "Authorization", bearer(TOKENS.customer("alice")));
        String id = orderId(alices);
        assertThat(get("/api/orders/" + id, "Authorization", bearer(TOKENS.customer("mallory")),
                "X-Principal", "alice", "X-Principal-Roles", "ADMIN").statusCode()).isEqualTo(404);
    }

    @Test
    void aCustomerPlacesOrdersAsItselfAndReadsOnlyItsOwn() throws Exception {
        UUID product = CATALOG.add(250, 10);
        String alice = bearer(TOKENS.customer("alice-" + UUID.randomUUID()));
        String bob = bearer(TOKENS.customer("bob-" + UUID.randomUUID()));

        HttpResponse<String> placed = postOrder(UUID.randomUUID().toString(),
                "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}", "Authorization", alice);
        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(placed.body()).contains("\"customerId\":\"alice-");
        String id = orderId(placed);

        HttpResponse<String> asSomeoneElse = postOrder(UUID.randomUUID().toString(), orderBody("carol", product, 1),
                "Authorization", alice);
        assertThat(asSomeoneElse.statusCode()).isEqualTo(403);
        assertThat(asSomeoneElse.body()).contains("orders:any-customer");

        assertThat(get("/api/orders/" + id, "Authorization", alice).statusCode()).isEqualTo(200);
        HttpResponse<String> bobReads = get("/api/orders/" + id, "Authorization", bob);
        assertThat(bobReads.statusCode()).isEqualTo(404);
        assertThat(get("/api/orders/" + UUID.randomUUID(), "Authorization", bob).body())
                .as("someone else's order and no order answer alike").contains("no order");

        assertThat(get("/api/orders", "Authorization", alice).body()).contains(id);
        assertThat(get("/api/orders", "Authorization", bob).body()).doesNotContain(id);
        assertThat(get("/api/orders?customerId=carol", "Authorization", alice).statusCode()).isEqualTo(403);
        assertThat(get("/api/orders/" + id, "Authorization", bearer(TOKENS.admin())).statusCode()).isEqualTo(200);
    }

    @Test
    void aMachineClientActsForAnyCustomerOnlyWithTheScopeThatSaysSo() throws Exception {
        UUID product = CATALOG.add(400, 10);
        String entitled = bearer(TOKENS.client("partner", true));
        String plain = bearer(TOKENS.client("kiosk", false));
        HttpResponse<String> forDana = postOrder(UUID.randomUUID().toString(), orderBody("dana", product, 1),
                "Authorization", entitled);
        assertThat(forDana.statusCode()).isEqualTo(201);
        assertThat(get("/api/orders/" + orderId(forDana), "Authorization", entitled).statusCode()).isEqualTo(200);
        assertThat(get("/api/orders/" + orderId(forDana), "Authorization", plain).statusCode()).isEqualTo(404);
        assertThat(postOrder(UUID.randomUUID().toString(), orderBody("dana", product, 1), "Authorization", plain)
                .statusCode()).isEqualTo(403);
        assertThat(get("/api/orders", "Authorization", entitled).statusCode())
                .as("acting for any customer, it must say which").isEqualTo(400);
    }

    @Test
    void callsToProductServiceCarryOrderServicesOwnNarrowToken() throws Exception {
        UUID product = CATALOG.add(100, 10);
        assertThat(postOrder(UUID.randomUUID().toString(), orderBody("erin", product, 1)).statusCode()).isEqualTo(201);
        // The product-service stubs refuse a call without a token carrying products:prices (ProductServiceStub).
        assertThat(TOKENS.scopesAskedBy("order-service")).containsExactly("products:prices");
    }

    private static String orderId(HttpResponse<String> placed) {
        String location = placed.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
