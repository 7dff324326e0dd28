package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** One Swagger UI on the gateway listing every service's document, each fetched through its route. */
class OpenApiAggregationTests extends GatewayTestSupport {

    @Test
    void swaggerUiIsServedAndListsTheThreeServices() throws Exception {
        HttpResponse<String> entry = get("/swagger-ui.html");
        assertThat(entry.statusCode()).isEqualTo(302);
        String location = entry.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/swagger-ui/index.html");

        HttpResponse<String> page = get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");

        HttpResponse<String> config = get("/v3/gateway-api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body())
                .contains("\"url\":\"/v3/api-docs/product-service\"").contains("\"name\":\"product-service\"")
                .contains("\"url\":\"/v3/api-docs/order-service\"").contains("\"name\":\"order-service\"")
                .contains("\"url\":\"/v3/api-docs/worker-service\"").contains("\"name\":\"worker-service\"");
    }

    @Test
    void aServicesDocumentIsFetchedThroughTheGateway() throws Exception {
        HttpResponse<String> document = get("/v3/api-docs/product-service");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"path\":\"/v3/api-docs\"");
    }
}
