package com.acme.platform.workerservice;

import com.acme.platform.testsupport.LocalHttp;
import com.acme.platform.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * worker-service checks every caller itself, on its own port: the DLQ and the fault switch need an admin token
 * (without one: 401; a customer's: 403), a customer reads only its own notifications (someone else's order: 404),
 * analytics reads stay public, and its stock reservations carry worker-service's own narrow token.
 */
class WorkerSecurityTests extends AbstractIntegrationTest {

    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();

    private HttpResponse<String> call(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, method.equals("PUT") ? HttpRequest.BodyPublishers.ofString("{\"notifications\":{\"failCustomerPrefix\":\"x-\"}}")
                        : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return LocalHttp.ANONYMOUS.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminEndpointsRefuseAnyoneButAnAdmin() throws Exception {
        for (String[] call : List.of(new String[]{"GET", "/api/admin/dlq"}, new String[]{"PUT", "/api/admin/faults"},
                new String[]{"POST", "/api/admin/dlq/replay?group=notifications"})) {
            HttpResponse<String> none = call(call[0], call[1]);
            assertThat(none.statusCode()).as(call[1]).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            assertThat(call(call[0], call[1], "X-Principal", "admin", "X-Principal-Roles", "ADMIN").statusCode())
                    .as("a forged identity header").isEqualTo(401);
            assertThat(call(call[0], call[1], "Authorization", "Bearer " + TOKENS.customer("alice")).statusCode())
                    .as(call[1]).isEqualTo(403);
            assertThat(call(call[0], call[1], "Authorization", "Bearer " + TOKENS.expired("admin", List.of("ADMIN")))
                    .statusCode()).isEqualTo(401);
        }
        assertThat(call("GET", "/api/admin/dlq", "Authorization", "Bearer " + TOKENS.admin()).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/analytics/top-products").statusCode()).as("public").isEqualTo(200);
    }

    @Test
    void aCustomerReadsOnlyItsOwnNotifications() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        publish("orders", orderId.toString(), orderPlaced(UUID.randomUUID(), orderId, owner, CATALOG.add(100, 10), 1, 100));
        String path = "/api/notifications?orderId=" + orderId;
        await().atMost(Duration.ofSeconds(30)).until(() ->
                call("GET", path, "Authorization", "Bearer " + TOKENS.customer(owner)).statusCode() == 200);
        assertThat(call("GET", path, "Authorization", "Bearer " + TOKENS.customer(owner)).body()).contains(owner);

        HttpResponse<String> someoneElse = call("GET", path, "Authorization", "Bearer " + TOKENS.customer("mallory"));
        assertThat(someoneElse.statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/notifications?orderId=" + UUID.randomUUID(), "Authorization",
                "Bearer " + TOKENS.customer("mallory")).body())
                .as("someone else's order and an unknown one answer alike").contains("No notification of yours");
        assertThat(call("GET", path, "Authorization", "Bearer " + TOKENS.client("partner", true)).body()).contains(owner);
        assertThat(call("GET", path).statusCode()).isEqualTo(401);
    }

    @Test
    void stockReservationsCarryWorkerServicesOwnNarrowToken() throws Exception {
        UUID orderId = UUID.randomUUID();
        publish("orders", orderId.toString(), orderPlaced(UUID.randomUUID(), orderId, "reserver", CATALOG.add(100, 10), 1, 100));
        // The product-service stubs refuse a reservation without a token carrying products:reserve.
        await().atMost(Duration.ofSeconds(30)).until(() -> CATALOG.reservedOrderIds().contains(orderId));
        assertThat(TOKENS.scopesAskedBy("worker-service")).containsExactly("products:reserve");
    }
}
