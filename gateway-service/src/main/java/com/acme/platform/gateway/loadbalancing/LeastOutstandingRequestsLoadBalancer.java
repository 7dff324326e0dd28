package com.acme.platform.gateway.loadbalancing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Least outstanding requests with the power of two choices (Mitzenmacher, 2001): sample two distinct instances at
 * random, send to the one with fewer requests in flight. A slow instance keeps its requests longer, so it is
 * chosen less: this is "least connections" and, indirectly, "least response time". Sampling two instead of
 * scanning all avoids every gateway herding onto the same momentarily idle instance. Hand-written because Spring
 * Cloud LoadBalancer ships only round robin and random.
 */
public class LeastOutstandingRequestsLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    private final ObjectProvider<ServiceInstanceListSupplier> suppliers;
    private final OutstandingRequests outstanding;

    public LeastOutstandingRequestsLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers,
                                                OutstandingRequests outstanding) {
        this.suppliers = suppliers;
        this.outstanding = outstanding;
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        ServiceInstanceListSupplier supplier = suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new);
        return supplier.get(request).next().map(this::choose);
    }

    Response<ServiceInstance> choose(List<ServiceInstance> instances) {
        if (instances.isEmpty()) {
            return new EmptyResponse();
        }
        if (instances.size() == 1) {
            return new DefaultResponse(instances.getFirst());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(instances.size());
        int second = random.nextInt(instances.size() - 1);
        if (second >= first) {
            second++;
        }
        ServiceInstance a = instances.get(first);
        ServiceInstance b = instances.get(second);
        return new DefaultResponse(outstanding.get(b.getInstanceId()) < outstanding.get(a.getInstanceId()) ? b : a);
    }
}
