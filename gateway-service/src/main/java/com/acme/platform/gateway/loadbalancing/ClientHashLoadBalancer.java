package com.acme.platform.gateway.loadbalancing;

import com.acme.platform.gateway.security.ClientKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Sticky routing by client: the same caller (its authenticated principal, else its address: see {@link ClientKey})
 * always lands on the same healthy instance. Rendezvous (highest random weight) hashing, so when an instance
 * leaves only its own callers move, and they come back when it returns. Hand-written because Spring Cloud
 * LoadBalancer's sticky option needs a cookie the service must set, which plain API clients (curl) do not keep.
 */
public class ClientHashLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    private final ObjectProvider<ServiceInstanceListSupplier> suppliers;

    public ClientHashLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers) {
        this.suppliers = suppliers;
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        String client = clientOf(request);
        ServiceInstanceListSupplier supplier = suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new);
        return supplier.get(request).next().map(instances -> choose(instances, client));
    }

    static Response<ServiceInstance> choose(List<ServiceInstance> instances, String client) {
        ServiceInstance best = null;
        long bestScore = Long.MIN_VALUE;
        for (ServiceInstance instance : instances) {
            long score = score(client, instance.getInstanceId());
            if (best == null || score > bestScore) {
                best = instance;
                bestScore = score;
            }
        }
        return best == null ? new EmptyResponse() : new DefaultResponse(best);
    }

    private static long score(String client, String instanceId) {
        CRC32C crc = new CRC32C();
        crc.update((client + "|" + instanceId).getBytes(StandardCharsets.UTF_8));
        // CRC alone clusters for similar inputs; a 64-bit mix spreads it (SplitMix64 finaliser).
        long z = crc.getValue() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String clientOf(Request request) {
        if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null
                && context.getClientRequest().getAttributes() != null
                && context.getClientRequest().getAttributes().get(ClientKey.ATTRIBUTE) instanceof ClientKey key) {
            return key.value();
        }
        return "unknown";
    }
}
