package com.acme.platform.gateway.loadbalancing;

import org.springframework.cloud.client.loadbalancer.LoadBalancerClientsProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring Cloud LoadBalancer's factory of per-service child contexts, with the answers of its lookups kept. SCG's
 * load-balancer filter asks it on every request for the service's balancer, its lifecycle beans (a search by type
 * through the child context and its parent) and its properties; the child contexts are built once and their
 * singletons never change, so the first answer is the answer for the life of the application.
 */
class CachingLoadBalancerClientFactory extends LoadBalancerClientFactory {

    private record Key(String name, Class<?> type) {
    }

    private final Map<Key, Object> instances = new ConcurrentHashMap<>();
    private final Map<Key, Map<String, ?>> instancesOfType = new ConcurrentHashMap<>();
    private final Map<String, LoadBalancerProperties> properties = new ConcurrentHashMap<>();

    CachingLoadBalancerClientFactory(LoadBalancerClientsProperties clientsProperties) {
        super(clientsProperties);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getInstance(String name, Class<T> type) {
        Key key = new Key(name, type);
        Object cached = instances.get(key);
        if (cached == null) {
            cached = super.getInstance(name, type);
            if (cached != null) {   // not there (yet): ask again next time
                instances.put(key, cached);
            }
        }
        return (T) cached;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<String, T> getInstances(String name, Class<T> type) {
        Key key = new Key(name, type);
        Map<String, ?> cached = instancesOfType.get(key);
        if (cached == null) {
            Map<String, T> found = super.getInstances(name, type);
            cached = found == null ? null : Map.copyOf(found);
            if (cached != null) {
                instancesOfType.put(key, cached);
            }
        }
        return (Map<String, T>) cached;
    }

    @Override
    public LoadBalancerProperties getProperties(String serviceId) {
        return serviceId == null ? super.getProperties(null) : properties.computeIfAbsent(serviceId, super::getProperties);
    }

    @Override
    public void destroy() {
        instances.clear();
        instancesOfType.clear();
        properties.clear();
        super.destroy();
    }
}
