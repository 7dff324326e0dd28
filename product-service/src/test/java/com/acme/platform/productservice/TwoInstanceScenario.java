package com.acme.platform.productservice;

import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

/** Base of the scenarios that run against two product-service instances sharing the devstack. */
@ExtendWith(DevstackExtension.class)
abstract class TwoInstanceScenario {

    ProductInstances instances;

    @BeforeEach
    void instances() {
        instances = ProductInstances.shared();
    }

    HttpResponse<String> get(int instance, String path, String... headers) throws Exception {
        return AbstractIntegrationTest.send(instances.port(instance), "GET", path, null, headers);
    }

    HttpResponse<String> send(int instance, String method, String path, String json, String... headers) throws Exception {
        return AbstractIntegrationTest.send(instances.port(instance), method, path, json, headers);
    }

    JsonNode create(String name) throws Exception {
        HttpResponse<String> created = send(1, "POST", "/api/products",
                AbstractIntegrationTest.productJson("S-" + System.nanoTime(), name, 500, 10));
        if (created.statusCode() != 201) {
            throw new AssertionError(created.body());
        }
        return Json.parse(created.body());
    }

    /** PUTs a new name and returns the response (its X-Consistency-Token and the new version). */
    HttpResponse<String> rename(int instance, JsonNode product, String name) throws Exception {
        HttpResponse<String> updated = send(instance, "PUT", "/api/products/" + product.get("id").asString(),
                AbstractIntegrationTest.productJson(product.get("sku").asString(), name, 500, 10));
        if (updated.statusCode() != 200) {
            throw new AssertionError(updated.body());
        }
        return updated;
    }

    static long version(HttpResponse<String> response) {
        return Json.parse(response.body()).get("version").asLong();
    }

    /** The product as the (uncached) listing shows it, walking the pages. */
    JsonNode fromListing(int instance, String id, String... headers) throws Exception {
        String cursor = null;
        do {
            JsonNode page = Json.parse(get(instance, "/api/products?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor), headers).body());
            for (JsonNode item : page.get("items")) {
                if (item.get("id").asString().equals(id)) {
                    return item;
                }
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return null;
    }
}
