package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway passes the trace on: a routed request reaches the service with a W3C {@code traceparent} of the same
 * trace as the client's (or of a new one), so the gateway's and the services' spans and log lines share one trace id,
 * also when span export is off (./local.sh, tests). The stand-in service echoes the {@code traceparent} it received.
 */
class TracePropagationTests extends GatewayTestSupport {

    static final String CLIENT_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void theServiceReceivesTheClientsTraceId() throws Exception {
        int before = productRequests();
        HttpResponse<String> response = get("/api/products", "traceparent", "00-" + CLIENT_TRACE_ID + "-b7ad6b7169203331-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(productRequests() - before).isOne();
        assertThat(receivedTraceparent(response)).startsWith("00-" + CLIENT_TRACE_ID + "-")
                .doesNotContain("b7ad6b7169203331"); // the gateway's own span is the parent, not the client's
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceThatTheServiceJoins() throws Exception {
        int before = productRequests();
        HttpResponse<String> response = get("/api/products");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(productRequests() - before).isOne();
        assertThat(receivedTraceparent(response)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    }

    private static int productRequests() {
        return PRODUCT_1.received() + PRODUCT_2.received();
    }

    private static String receivedTraceparent(HttpResponse<String> response) {
        return response.body().replaceFirst("(?s).*\"receivedTraceparent\":\"([^\"]*)\".*", "$1");
    }
}
