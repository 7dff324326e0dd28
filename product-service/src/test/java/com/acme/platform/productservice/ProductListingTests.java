package com.acme.platform.productservice;

import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProductListingTests extends AbstractIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void listAnswersTheContractPageShapeWithServedByAndRequestId() throws Exception {
        HttpResponse<String> response = get("/api/products?limit=2", "X-Request-Id", "listing-test-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("listing-test-1");
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("product-service-1");
        JsonNode page = Json.parse(response.body());
        assertThat(page.has("items")).isTrue();
        assertThat(page.get("items").isArray()).isTrue();
        assertThat(page.has("nextCursor")).isTrue();
    }

    @Test
    void cursorWalksEveryProductOnceInIdOrder() throws Exception {
        for (int i = 0; i < 5; i++) {
            jdbc.sql("INSERT INTO product (id, sku, name, price_cents, currency, stock) VALUES (?, ?, 'Listing probe', 100, 'EUR', 1)")
                    .params(UUID.randomUUID(), "LIST-" + UUID.randomUUID())
                    .update();
        }
        int total = jdbc.sql("SELECT count(*) FROM product").query(Integer.class).single();

        int seen = 0;
        String cursor = null;
        String previousLast = "";
        do {
            JsonNode page = Json.parse(get("/api/products?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).body());
            for (JsonNode item : page.get("items")) {
                assertThat(item.get("id").asString()).isGreaterThan(previousLast);
                previousLast = item.get("id").asString();
                seen++;
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).isEqualTo(total);
    }

    @Test
    void outOfRangeLimitIsAProblemNotAClamp() throws Exception {
        for (String limit : new String[]{"0", "1001", "-1", "abc"}) {
            HttpResponse<String> response = get("/api/products?limit=" + limit);
            assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(Json.parse(response.body()).get("detail").asString()).contains("limit");
        }
    }

    @Test
    void foreignCursorIsAProblem() throws Exception {
        HttpResponse<String> response = get("/api/products?cursor=not-a-cursor!");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).get("detail").asString()).contains("cursor");
    }
}
