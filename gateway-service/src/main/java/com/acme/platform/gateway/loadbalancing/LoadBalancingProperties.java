package com.acme.platform.gateway.loadbalancing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Map;

/**
 * How each downstream service's instances are chosen. Services not listed get round robin with health checks.
 * The instance lists themselves come from {@code spring.cloud.discovery.client.simple.instances}.
 */
@Validated
@ConfigurationProperties("gateway.load-balancing")
public record LoadBalancingProperties(Map<String, @Valid Service> services) {

    public LoadBalancingProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    public Service service(String serviceId) {
        return services.getOrDefault(serviceId, Service.DEFAULT);
    }

    public enum Algorithm {
        /** Each instance in turn (Spring Cloud LoadBalancer's RoundRobinLoadBalancer). */
        ROUND_ROBIN,
        /** Round robin over a list where each instance appears {@code weights[instance]} times (SC LoadBalancer). */
        WEIGHTED,
        /** Power of two choices on outstanding requests: "least connections", which also follows response time. */
        LEAST_OUTSTANDING,
        /** Rendezvous hash of the caller (principal, else address): "IP hash" sticky routing. */
        STICKY
    }

    /**
     * @param algorithm   how to choose
     * @param weights     instance id -> weight (for WEIGHTED; missing instances weigh 1)
     * @param healthCheck probe each instance's health endpoint and leave failing ones out
     */
    public record Service(@NotNull Algorithm algorithm, Map<String, @Min(1) Integer> weights, boolean healthCheck) {

        static final Service DEFAULT = new Service(Algorithm.ROUND_ROBIN, Map.of(), true);

        public Service {
            algorithm = algorithm == null ? Algorithm.ROUND_ROBIN : algorithm;
            weights = weights == null ? Map.of() : Map.copyOf(weights);
        }

        int weightOf(String instanceId) {
            return weights.getOrDefault(instanceId, 1);
        }
    }
}
