package com.acme.platform.testsupport;

import com.acme.platform.devstack.DevstackExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The shared devstack's servers as the properties a service under test reads. */
public final class DevstackProperties {

    private DevstackProperties() {
    }

    /**
     * Registers the shared devstack's connection settings ({@code DB_URL}, {@code DB_REPLICA_URL}, {@code REDIS_HOST},
     * {@code KAFKA_BOOTSTRAP_SERVERS}, ...: the names the services' application.yml read) for a service whose own
     * database is {@code database}, and the test issuer the service checks tokens against and obtains its own from
     * ({@link TestTokenIssuer}); call it from a {@code @DynamicPropertySource} method.
     */
    public static void register(DynamicPropertyRegistry registry, String database) {
        DevstackExtension.shared().serviceEnvironment(database).forEach((name, value) -> registry.add(name, () -> value));
        TestTokenIssuer.shared().properties().forEach((name, value) -> registry.add(name, () -> value));
    }
}
