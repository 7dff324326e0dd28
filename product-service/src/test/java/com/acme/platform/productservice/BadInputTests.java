package com.acme.platform.productservice;

import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class BadInputTests extends AbstractIntegrationTest {

    private void assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.parse(response.body()).get("detail").asString()).containsIgnoringCase(detailContains);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertProblem(send("POST", "/api/products", "{\"sku\": \"A\", "), 400, "");
    }

    @Test
    void wrongTypesAre400() throws Exception {
        assertProblem(send("POST", "/api/products",
                "{\"sku\":\"A1\",\"name\":\"n\",\"priceCents\":\"lots\",\"currency\":\"EUR\",\"stock\":1}"), 400, "");
        assertProblem(send("POST", "/api/products",
                "{\"sku\":\"A1\",\"name\":\"n\",\"priceCents\":100,\"currency\":\"EUR\",\"stock\":99999999999}"), 400, "");
    }

    @Test
    void negativePriceAndStockAre400NamingTheFields() throws Exception {
        assertProblem(send("POST", "/api/products", productJson("NEG-1", "n", -1, 1)), 400, "priceCents");
        assertProblem(send("POST", "/api/products", productJson("NEG-2", "n", 1, -1)), 400, "stock");
    }

    @Test
    void unknownCurrencyIs400() throws Exception {
        assertProblem(send("POST", "/api/products",
                "{\"sku\":\"CUR-1\",\"name\":\"n\",\"priceCents\":1,\"currency\":\"XYZ\",\"stock\":1}"), 400, "currency");
        assertProblem(send("POST", "/api/products",
                "{\"sku\":\"CUR-2\",\"name\":\"n\",\"priceCents\":1,\"currency\":\"eur\",\"stock\":1}"), 400, "currency");
    }

    @Test
    void oversizedAndMissingFieldsAre400() throws Exception {
        assertProblem(send("POST", "/api/products", productJson("BIG-1", "x".repeat(201), 1, 1)), 400, "name");
        assertProblem(send("POST", "/api/products", productJson("S".repeat(65), "n", 1, 1)), 400, "sku");
        assertProblem(send("POST", "/api/products",
                "{\"sku\":\"BIG-2\",\"name\":\"n\",\"description\":\"" + "d".repeat(2001) + "\",\"priceCents\":1,\"currency\":\"EUR\",\"stock\":1}"),
                400, "description");
        assertProblem(send("POST", "/api/products", "{\"name\":\"n\"}"), 400, "sku");
    }

    @Test
    void nonUuidIdIs400() throws Exception {
        assertProblem(get("/api/products/not-a-uuid"), 400, "id");
        assertProblem(send("PUT", "/api/products/42", productJson("X-1", "n", 1, 1)), 400, "id");
    }

    @Test
    void badIfMatchAndBadConsistencyTokenAre400() throws Exception {
        String id = createProduct("Probe", 1, 1).get("id").asString();
        assertProblem(send("PUT", "/api/products/" + id, productJson("IFM-" + System.nanoTime(), "n", 1, 1), "If-Match", "W/\"1\""), 400, "If-Match");
        assertProblem(get("/api/products/" + id, "X-Consistency-Token", "yesterday"), 400, "X-Consistency-Token");
    }

    @Test
    void badCursorAndLimitAre400() throws Exception {
        assertProblem(get("/api/products?limit=0"), 400, "limit");
        assertProblem(get("/api/products?limit=x"), 400, "limit");
        assertProblem(get("/api/products?cursor=%25%25"), 400, "cursor");
    }
}
