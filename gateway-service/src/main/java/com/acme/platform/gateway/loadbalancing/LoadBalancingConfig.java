package com.acme.platform.gateway.loadbalancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Every service the gateway balances over gets {@link PlatformLoadBalancerConfiguration}. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = PlatformLoadBalancerConfiguration.class)
public class LoadBalancingConfig {
}
