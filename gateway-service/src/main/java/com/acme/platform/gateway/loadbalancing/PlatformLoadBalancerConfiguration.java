package com.acme.platform.gateway.loadbalancing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.SimpleObjectProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The per-service load-balancer context (Spring Cloud LoadBalancer creates one child context per service id and
 * applies this configuration to each, see {@code LoadBalancingConfig}). Reads the service's entry in
 * {@link LoadBalancingProperties} and assembles: discovery (the configured instance list) -> health checks ->
 * weights, then the chosen algorithm. Deliberately not a {@code @Configuration} picked up by component scan.
 */
public class PlatformLoadBalancerConfiguration {

    @Bean
    ServiceInstanceListSupplier platformInstanceListSupplier(ConfigurableApplicationContext context, Environment environment,
                                                             LoadBalancingProperties properties) {
        LoadBalancingProperties.Service service = properties.service(serviceId(environment));
        ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder().withDiscoveryClient();
        if (service.healthCheck()) {
            // Probes spring.cloud.loadbalancer.health-check.path on each instance every ...interval.
            builder = builder.withHealthChecks(WebClient.create());
        }
        if (service.algorithm() == LoadBalancingProperties.Algorithm.WEIGHTED) {
            builder = builder.withWeighted(instance -> service.weightOf(instance.getInstanceId()));
        }
        return builder.build(context);
    }

    @Bean
    ReactorLoadBalancer<ServiceInstance> platformLoadBalancer(Environment environment, LoadBalancingProperties properties,
                                                              ServiceInstanceListSupplier supplier, OutstandingRequests outstanding) {
        String serviceId = serviceId(environment);
        // The supplier above, handed over as it is: the balancers look their supplier up on every choice, and a lazy
        // provider from the LoadBalancerClientFactory resolves it in the child context each time.
        ObjectProvider<ServiceInstanceListSupplier> suppliers = new SimpleObjectProvider<>(supplier);
        return switch (properties.service(serviceId).algorithm()) {
            case ROUND_ROBIN, WEIGHTED -> new RoundRobinLoadBalancer(suppliers, serviceId);
            case LEAST_OUTSTANDING -> new LeastOutstandingRequestsLoadBalancer(suppliers, outstanding);
            case STICKY -> new ClientHashLoadBalancer(suppliers);
        };
    }

    private static String serviceId(Environment environment) {
        return environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
    }
}
