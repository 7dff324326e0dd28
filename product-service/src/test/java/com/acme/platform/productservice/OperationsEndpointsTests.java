package com.acme.platform.productservice;

import com.acme.platform.testsupport.Json;
import com.acme.platform.testsupport.OperationsEndpointsContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes, metrics and the 404 problem, as every service answers them (see {@link OperationsEndpointsContract}), plus
 * product-service's own: the cache and replica meters under their contract names, and its OpenAPI document.
 */
class OperationsEndpointsTests extends AbstractIntegrationTest implements OperationsEndpointsContract {

    @Override
    public int servicePort() {
        return port;
    }

    @Override
    public String instanceName() {
        return "product-service-1";
    }

    @Test
    void cacheAndReplicaMetricsUseTheContractNames() throws Exception {
        var created = send("POST", "/api/products", productJson("MET-" + System.nanoTime(), "Metered", 1, 1));
        String id = Json.parse(created.body()).get("id").asString();
        get("/api/products/" + id);
        get("/api/products/" + id);
        get("/api/products?limit=1");
        get("/internal/products?ids=" + id); // always the primary

        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern("cache_gets_total\\{[^}]*cache=\"products\"[^}]*result=\"hit\"")
                .containsPattern("cache_gets_total\\{[^}]*result=\"miss\"")
                .containsPattern("cache_loads_total\\{[^}]*cache=\"products\"")
                .contains("cache_lock_wait_seconds_bucket")
                .contains("cache_l1_gets_total")
                .containsPattern("db_reads_total\\{[^}]*target=\"replica\"")
                .containsPattern("db_reads_total\\{[^}]*target=\"primary\"")
                .containsPattern("(?m)^db_replica_lag_seconds\\{");
    }

    @Test
    void theOpenApiDocumentNamesTheGatewayOriginAndLeavesOutTheInternalApi() throws Exception {
        var document = Json.parse(get("/v3/api-docs").body());

        // relative: Swagger UI (served by the gateway) sends "try it out" through the gateway
        assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
        assertThat(document.get("paths").propertyNames()).contains("/api/products", "/api/products/{id}")
                .noneMatch(path -> path.startsWith("/internal"));
    }
}
