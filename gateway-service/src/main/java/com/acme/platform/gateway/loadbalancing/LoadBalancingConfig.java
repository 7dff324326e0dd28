package com.acme.platform.gateway.loadbalancing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClientsProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** Every service the gateway balances over gets {@link PlatformLoadBalancerConfiguration}. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = PlatformLoadBalancerConfiguration.class)
public class LoadBalancingConfig {

    /** Spring Cloud LoadBalancer's factory (its auto-configuration backs off), remembering its lookups. */
    @Bean
    LoadBalancerClientFactory loadBalancerClientFactory(LoadBalancerClientsProperties properties,
                                                        ObjectProvider<List<LoadBalancerClientSpecification>> configurations) {
        LoadBalancerClientFactory factory = new CachingLoadBalancerClientFactory(properties);
        factory.setConfigurations(configurations.getIfAvailable(List::of));
        return factory;
    }
}
