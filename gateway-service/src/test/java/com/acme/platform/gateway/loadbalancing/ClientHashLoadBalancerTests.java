package com.acme.platform.gateway.loadbalancing;

import com.acme.platform.gateway.security.ClientKey;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Sticky balancing by rendezvous hashing: who goes where, and who moves when an instance leaves or returns. */
class ClientHashLoadBalancerTests {

    private static final ServiceInstance ONE = instance("product-service-1", 8081);
    private static final ServiceInstance TWO = instance("product-service-2", 8091);
    private static final ServiceInstance THREE = instance("product-service-3", 8101);
    private static final List<String> CLIENTS = IntStream.range(0, 3_000).mapToObj(i -> "principal:client-" + i).toList();

    @Test
    void aClientAlwaysLandsOnTheSameInstanceWhateverTheListsOrder() {
        for (String client : CLIENTS.subList(0, 100)) {
            String first = chosen(List.of(ONE, TWO, THREE), client);

            assertThat(chosen(List.of(ONE, TWO, THREE), client)).isEqualTo(first);
            assertThat(chosen(List.of(THREE, ONE, TWO), client)).isEqualTo(first);
            assertThat(chosen(List.of(TWO, THREE, ONE), client)).isEqualTo(first);
        }
    }

    @Test
    void manyClientsSpreadRoughlyEvenly() {
        Map<String, Integer> spread = new HashMap<>();
        for (String client : CLIENTS) {
            spread.merge(chosen(List.of(ONE, TWO, THREE), client), 1, Integer::sum);
        }

        // a third each is 1,000; a fair hash stays within a few percent of it
        assertThat(spread).containsOnlyKeys("product-service-1", "product-service-2", "product-service-3");
        assertThat(spread.values()).allSatisfy(count -> assertThat(count).isBetween(850, 1_150));
    }

    @Test
    void whenAnInstanceLeavesOnlyItsOwnClientsMoveAndTheyComeBackWhenItReturns() {
        List<String> movedAway = new ArrayList<>();
        for (String client : CLIENTS) {
            String before = chosen(List.of(ONE, TWO, THREE), client);
            String during = chosen(List.of(ONE, THREE), client);
            String after = chosen(List.of(ONE, TWO, THREE), client);

            if (before.equals("product-service-2")) {
                movedAway.add(client);
                assertThat(during).isIn("product-service-1", "product-service-3");
            } else {
                assertThat(during).as("a client of %s stays put", before).isEqualTo(before);
            }
            assertThat(after).isEqualTo(before);
        }
        assertThat(movedAway).isNotEmpty();
    }

    @Test
    void withOneInstanceEveryClientGetsIt() {
        assertThat(CLIENTS.subList(0, 50)).allSatisfy(client -> assertThat(chosen(List.of(TWO), client)).isEqualTo("product-service-2"));
    }

    @Test
    void withNoInstanceThereIsNoServer() {
        assertThat(ClientHashLoadBalancer.choose(List.of(), "principal:client").hasServer()).isFalse();
    }

    @Test
    void theClientIsTheRequestsClientKeyAndRequestsWithoutOneShareAnInstance() {
        ClientHashLoadBalancer balancer = new ClientHashLoadBalancer(
                ServiceInstanceListSuppliers.toProvider("product-service", ONE, TWO, THREE));

        for (String client : CLIENTS.subList(0, 20)) {
            Response<ServiceInstance> response = balancer.choose(requestWith(Map.of(ClientKey.ATTRIBUTE, new ClientKey(client, true))))
                    .block(Duration.ofSeconds(5));
            assertThat(response.getServer().getInstanceId()).isEqualTo(chosen(List.of(ONE, TWO, THREE), client));
        }
        Response<ServiceInstance> anonymous = balancer.choose(requestWith(Map.of())).block(Duration.ofSeconds(5));
        assertThat(anonymous.getServer().getInstanceId()).isEqualTo(chosen(List.of(ONE, TWO, THREE), "unknown"));
    }

    private static String chosen(List<ServiceInstance> instances, String client) {
        Response<ServiceInstance> response = ClientHashLoadBalancer.choose(instances, client);
        assertThat(response.hasServer()).isTrue();
        return response.getServer().getInstanceId();
    }

    private static DefaultRequest<RequestDataContext> requestWith(Map<String, Object> attributes) {
        RequestData data = new RequestData(HttpMethod.GET, URI.create("http://product-service/api/products"),
                new HttpHeaders(), new LinkedMultiValueMap<>(), attributes);
        return new DefaultRequest<>(new RequestDataContext(data));
    }

    private static ServiceInstance instance(String id, int port) {
        return new DefaultServiceInstance(id, "product-service", "127.0.0.1", port, false);
    }
}
