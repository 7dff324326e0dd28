package com.acme.platform.orderservice.clients.product;

import com.acme.platform.support.http.ResilientCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * product-service's batch lookup ({@code GET /internal/products?ids=}, docs/internal-api.md), load balanced over its
 * instances, through the circuit breaker and retry named {@value #SERVICE} (application.yml, resilience4j.*). A GET,
 * so retrying it is safe. When product-service cannot answer, this throws
 * {@link com.acme.platform.support.http.DownstreamUnavailableException} (answered 503).
 */
@Component
public class ProductClient {

    static final String SERVICE = "product-service";

    private final RestClient rest;
    private final ResilientCalls calls;

    ProductClient(RestClient.Builder loadBalancedRestClientBuilder, ResilientCalls calls) {
        this.rest = loadBalancedRestClientBuilder.baseUrl("http://" + SERVICE).build();
        this.calls = calls;
    }

    /** The products that exist among {@code ids}, by id; unknown ids are absent. */
    public Map<UUID, ProductInfo> lookup(Collection<UUID> ids) {
        String joined = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
        BatchResponse response = calls.call(SERVICE,
                () -> rest.get().uri("/internal/products?ids={ids}", joined).retrieve().body(BatchResponse.class));
        List<ProductInfo> items = response == null || response.items() == null ? List.of() : response.items();
        return items.stream().collect(Collectors.toMap(ProductInfo::id, Function.identity(), (a, b) -> a));
    }

    record BatchResponse(List<ProductInfo> items) {
    }
}
