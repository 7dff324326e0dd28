package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every contract path reaches its service; nothing else does, whatever the spelling of the path. */
class RoutingTableTests extends GatewayTestSupport {

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource({
            "GET,    /api/products?limit=2,                    -,      product-service",
            "GET,    /api/products/7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11, -, product-service",
            "POST,   /api/products,                            admin,  product-service",
            "PUT,    /api/products/7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11, admin, product-service",
            "DELETE, /api/products/7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11, admin, product-service",
            "POST,   /api/orders,                              client, order-service",
            "GET,    /api/orders/7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11, client, order-service",
            "GET,    /api/orders?customerId=c-1,               client, order-service",
            "GET,    /api/notifications?orderId=7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11, client, worker-service",
            "GET,    /api/analytics/top-products?limit=10,     -,      worker-service",
            "GET,    /api/admin/dlq?group=notifications,       admin,  worker-service",
            "POST,   /api/admin/dlq/42/replay,                 admin,  worker-service",
            "POST,   /api/admin/dlq/replay?group=notifications, admin, worker-service",
            "DELETE, /api/admin/dlq/42,                        admin,  worker-service",
            "GET,    /api/admin/faults,                        admin,  worker-service",
            "PUT,    /api/admin/faults,                        admin,  worker-service",
    })
    void contractPathReachesItsService(String method, String path, String credential, String service) throws Exception {
        String key = switch (credential) {
            case "admin" -> ADMIN_KEY;
            case "client" -> CLIENT_KEY;
            default -> null;
        };
        HttpResponse<String> response = key == null
                ? send(method, path, HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", "application/json")
                : send(method, path, HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", "application/json", "X-API-Key", key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValueSatisfying(name -> assertThat(name).startsWith(service));
        assertThat(response.body()).contains("\"method\":\"" + method + "\"")
                .contains("\"path\":\"" + path.replaceFirst("\\?.*", "") + "\"");
    }

    @ParameterizedTest
    @CsvSource({"product-service, product-service-", "order-service, order-service", "worker-service, worker-service"})
    void eachServicesOpenApiDocumentIsRoutedToItsV3ApiDocs(String service, String servedBy) throws Exception {
        HttpResponse<String> response = get("/v3/api-docs/" + service);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValueSatisfying(name -> assertThat(name).startsWith(servedBy));
        assertThat(response.body()).contains("\"path\":\"/v3/api-docs\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/actuator/health",
            "/actuator/prometheus",
            "/internal/products?ids=7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11",
            "/internal/stock-reservations",
            "/api/products/../../actuator/health",
            "/api/products/../../internal/products",
            "/api/products/%2e%2e/%2e%2e/actuator/health",
            "/api/products/%2E%2E/%2E%2E/internal/products",
            "/api/products/..%2f..%2factuator/health",
            "/api/products%2f..%2f..%2factuator%2fhealth",
            "/api/products/..;/..;/actuator/health",
            "/api/products/%252e%252e/actuator/health",
            "/api/products/..%5c..%5cactuator/health",
            "//actuator/health",
            "/api/../actuator/health",
            "/./actuator/health",
    })
    void actuatorInternalAndTraversalFormsSentVerbatimAre400Or404ProblemsAndReachNoService(String target) throws Exception {
        int before = ALL_SERVICES.stream().mapToInt(StubService::received).sum();

        String response = raw(target);

        assertThat(statusOf(response)).isIn(400, 404);
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json").contains("x-request-id: ");
        assertThat(ALL_SERVICES.stream().mapToInt(StubService::received).sum()).isEqualTo(before);
    }

    @Test
    void malformedRequestsAre4xxNever500() throws Exception {
        assertThat(statusOf(raw("/api/products?limit=%zz"))).isBetween(400, 499);
        assertThat(statusOf(raw("/api/products/%00"))).isBetween(400, 499);
        assertThat(statusOf(raw("/api/pro%ducts"))).isBetween(400, 499);
        assertThat(statusOf(rawRequest("GET /api/products HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\nConnection: close\r\n\r\n")))
                .isBetween(400, 499);
        assertThat(statusOf(rawRequest("POST /api/products HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\nConnection: close\r\n\r\n")))
                .isBetween(400, 499);
    }

    private String rawRequest(String request) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
