package com.acme.platform.workerservice;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.acme.platform.testsupport.LocalHttp;

import static org.assertj.core.api.Assertions.assertThat;

class BadInputTests extends AbstractIntegrationTest {

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void badQueriesAre400() throws Exception {
        assertProblem(get("/api/notifications"), 400);
        assertProblem(get("/api/notifications?orderId=nope"), 400);
        assertProblem(get("/api/analytics/top-products?limit=0"), 400);
        assertProblem(get("/api/analytics/top-products?limit=1001"), 400);
        assertProblem(get("/api/analytics/top-products?limit=x"), 400);
        assertProblem(get("/api/admin/dlq?limit=0"), 400);
        assertProblem(get("/api/admin/dlq?group=nobody"), 400);
        assertProblem(send("POST", "/api/admin/dlq/replay?group=nobody", null), 400);
        assertProblem(send("POST", "/api/admin/dlq/replay", null), 400);
        assertProblem(send("POST", "/api/admin/dlq/not-a-uuid/replay", null), 400);
    }

    @Test
    void unknownDeadLettersAre404() throws Exception {
        assertProblem(send("POST", "/api/admin/dlq/" + UUID.randomUUID() + "/replay", null), 404);
        assertProblem(send("DELETE", "/api/admin/dlq/" + UUID.randomUUID(), null), 404);
    }

    @Test
    void malformedFaultRulesAre400AndLeaveTheRuleUnchanged() throws Exception {
        assertProblem(send("PUT", "/api/admin/faults", "{oops"), 400);
        assertProblem(send("PUT", "/api/admin/faults", "[]"), 400);
        assertProblem(send("PUT", "/api/admin/faults", "{\"payments\":{}}"), 400);
        assertProblem(send("PUT", "/api/admin/faults", "{\"notifications\":{\"failCustomerPrefix\":42}}"), 400);
        assertProblem(send("PUT", "/api/admin/faults", "{\"notifications\":{\"failCustomerPrefix\":\"\"}}"), 400);
        assertThat(get("/api/admin/faults").body()).isEqualTo("{}");
    }

    /** Malformed requests (the full set is in product-service's MalformedRequestTests): problems here too. */
    @Test
    void malformedRequestsAreProblemsWithTheRequestId() throws Exception {
        String query = LocalHttp.raw(port, "GET /api/analytics/top-products?limit=%G1 HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: bad-query-1\r\nConnection: close\r\n\r\n");
        assertThat(query).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("X-Request-Id: bad-query-1").contains("Malformed percent-encoding in the query");

        String path = LocalHttp.raw(port, "GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: bad-path-1\r\nConnection: close\r\n\r\n");
        assertThat(path).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("X-Request-Id: bad-path-1").contains("Malformed percent-encoding in the path");
    }
}
