package com.acme.platform.devstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Set;

/**
 * JUnit 5 extension that shares one {@link Devstack} per test JVM, on ephemeral ports, each server started on first
 * use (a JVM whose tests only need Redis starts only Redis) and stopped (data deleted) when the JVM exits. Test
 * classes and Spring's {@code @DynamicPropertySource} methods reach it through {@link #shared()}; test methods can
 * also take it as a parameter.
 */
public final class DevstackExtension implements BeforeAllCallback, ParameterResolver {

    private static Devstack shared;

    public static synchronized Devstack shared() {
        if (shared == null) {
            // Each server starts when a test first needs it (see Devstack.start(settings, servers)).
            shared = Devstack.start(DevstackSettings.forTests(), Set.of());
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Devstack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return shared();
    }
}
