package com.acme.platform.productservice;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.DevstackExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several product-service instances in this test JVM: separate Spring contexts with their own instance names,
 * ports, connection pools, Redis connections and L1s, sharing the devstack's PostgreSQL and Redis, as two
 * processes would.
 */
final class ProductInstances implements AutoCloseable {

    private static ProductInstances shared;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    /** Two instances with the default (protected) cache, started once per test JVM. */
    static synchronized ProductInstances shared() {
        if (shared == null) {
            shared = start(2, Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static ProductInstances start(int count, Map<String, String> overrides) {
        Devstack devstack = DevstackExtension.shared();
        ProductInstances instances = new ProductInstances();
        for (int i = 1; i <= count; i++) {
            Map<String, Object> properties = new HashMap<>(devstack.serviceEnvironment("products"));
            properties.putAll(com.acme.platform.testsupport.TestTokenIssuer.shared().properties());
            properties.put("INSTANCE_NAME", "product-service-" + i);
            properties.put("SERVER_PORT", "0");
            properties.putAll(overrides);
            instances.contexts.add(new SpringApplicationBuilder(ProductServiceApplication.class)
                    .properties(properties)
                    .run());
            instances.awaitCacheConnected(i);
        }
        return instances;
    }

    /** The cache connects to Redis in the background; scenarios start once reads stop bypassing it. */
    void awaitCacheConnected(int instance) {
        AbstractIntegrationTest.awaitCacheConnected(port(instance));
    }

    int port(int instance) {
        return ((WebServerApplicationContext) contexts.get(instance - 1)).getWebServer().getPort();
    }

    /** Stops and starts an instance's lifecycle beans, as a paused and resumed context does. */
    void restartLifecycle(int instance) {
        contexts.get(instance - 1).stop();
        contexts.get(instance - 1).start();
    }

    int count() {
        return contexts.size();
    }

    double counter(int instance, String name, String... tags) {
        Counter counter = contexts.get(instance - 1).getBean(MeterRegistry.class).find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    double counterSum(String name, String... tags) {
        double sum = 0;
        for (int i = 1; i <= contexts.size(); i++) {
            sum += counter(i, name, tags);
        }
        return sum;
    }

    <T> T bean(int instance, Class<T> type) {
        return contexts.get(instance - 1).getBean(type);
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
    }
}
