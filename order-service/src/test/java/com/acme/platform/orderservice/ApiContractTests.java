package com.acme.platform.orderservice;

import com.acme.platform.testsupport.ApiContract;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract check every integration test runs under ({@link ApiContract}) passes what the document allows and
 * catches what it does not: an undocumented status, a body off its schema, an error that is not a problem.
 */
class ApiContractTests extends AbstractIntegrationTest {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type", List.of("application/problem+json"));

    @Test
    void realAnswersMatchTheDocument() throws Exception {
        UUID product = CATALOG.add(1299, 5);
        // Each send is checked by LocalHttp.CLIENT: a mismatch would fail here, before the assertions.
        HttpResponse<String> placed = postOrder(UUID.randomUUID().toString(), orderBody("contract", product, 1));
        HttpResponse<String> notFound = get("/api/orders/" + UUID.randomUUID());

        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(notFound.statusCode()).isEqualTo(404);
    }

    @Test
    void anUndocumentedStatusIsCaught() {
        assertThat(ApiContract.violations(port, "GET", "/api/orders/" + UUID.randomUUID(), 418, PROBLEM,
                "{\"status\":418}")).contains("validation.response.status.unknown");
    }

    @Test
    void aBodyOffItsSchemaIsCaught() {
        String wrongTypes = """
                {"id":"not-a-uuid","customerId":"c","status":"LOST","items":[],"totalCents":"ten","currency":"EUR",
                 "createdAt":"2026-11-30T09:15:00Z","updatedAt":"2026-11-30T09:15:00Z"}""";
        String missingFields = "{\"id\":\"" + UUID.randomUUID() + "\"}";

        assertThat(ApiContract.violations(port, "GET", "/api/orders/" + UUID.randomUUID(), 200, JSON, wrongTypes))
                .contains("status").contains("totalCents").contains("id");
        assertThat(ApiContract.violations(port, "GET", "/api/orders/" + UUID.randomUUID(), 200, JSON, missingFields))
                .contains("customerId");
    }

    @Test
    void anErrorThatIsNotAProblemIsCaught() {
        assertThat(ApiContract.violations(port, "GET", "/api/orders/" + UUID.randomUUID(), 404, JSON,
                "{\"error\":\"not found\"}")).isNotEmpty();
    }
}
