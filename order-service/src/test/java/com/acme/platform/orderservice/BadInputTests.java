package com.acme.platform.orderservice;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import com.acme.platform.testsupport.LocalHttp;
import com.acme.platform.testsupport.TestTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

class BadInputTests extends AbstractIntegrationTest {

    private static final UUID ANY = UUID.randomUUID();

    @ParameterizedTest
    @ValueSource(strings = {
            "{not json",
            "[]",
            "{\"customerId\":\"x\",\"items\":\"nope\"}",
            "{\"customerId\":\"x\",\"items\":[]}",
            "{\"items\":[{\"productId\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":1}]}",
            "{\"customerId\":\"x\",\"items\":[{\"productId\":\"not-a-uuid\",\"quantity\":1}]}",
            "{\"customerId\":\"x\",\"items\":[{\"productId\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":0}]}",
            "{\"customerId\":\"x\",\"items\":[{\"productId\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":1001}]}",
            "{\"customerId\":\"x\",\"items\":[{\"productId\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":\"two\"}]}",
            "{\"customerId\":\"x\",\"items\":[{\"productId\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":1},{\"productId\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":2}]}"
    })
    void malformedOrInvalidOrdersAre400ProblemDetails(String body) throws Exception {
        var response = postOrder(UUID.randomUUID().toString(), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("detail");
    }

    @Test
    void moreThanAHundredLinesIs400() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            items.append(i == 0 ? "" : ",").append("{\"productId\":\"").append(UUID.randomUUID()).append("\",\"quantity\":1}");
        }
        assertThat(postOrder(UUID.randomUUID().toString(), "{\"customerId\":\"x\",\"items\":[" + items + "]}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        var huge = postOrder(UUID.randomUUID().toString(), "{\"customerId\":\"" + "x".repeat(100_000) + "\",\"items\":[]}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void missingIdempotencyKeyIs400() throws Exception {
        var response = postOrder(null, orderBody("x", ANY, 1));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Idempotency-Key");
    }

    @Test
    void unknownProductIs422() throws Exception {
        var response = postOrder(UUID.randomUUID().toString(), orderBody("x", UUID.randomUUID(), 1));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("unknown product");
    }

    @Test
    void badIdsAndLimitsOnReadsAre4xx() throws Exception {
        assertThat(get("/api/orders/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(get("/api/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/api/orders?customerId=x&limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/orders?customerId=x&limit=1001").statusCode()).isEqualTo(400);
        assertThat(get("/api/orders?customerId=x&limit=abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/orders?customerId=x&cursor=zzz").statusCode()).isEqualTo(400);
        assertThat(get("/api/orders").statusCode()).isEqualTo(400);
    }

    /** Malformed requests (the full set is in product-service's MalformedRequestTests): problems here too. */
    @Test
    void malformedRequestsAreProblemsWithTheRequestId() throws Exception {
        String query = LocalHttp.raw(port, "GET /api/orders?customerId=c-1&limit=%G1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokenIssuer.shared().admin() + "\r\nX-Request-Id: bad-query-1\r\nConnection: close\r\n\r\n");
        assertThat(query).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("X-Request-Id: bad-query-1").contains("Malformed percent-encoding in the query");

        String path = LocalHttp.raw(port, "GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: bad-path-1\r\nConnection: close\r\n\r\n");
        assertThat(path).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("X-Request-Id: bad-path-1").contains("Malformed percent-encoding in the path");
    }
}
