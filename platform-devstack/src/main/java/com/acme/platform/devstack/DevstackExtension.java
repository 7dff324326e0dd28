package com.acme.platform.devstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares one {@link Devstack} per test JVM, on ephemeral ports, started on first use and
 * stopped (data deleted) when the JVM exits. Test classes and Spring's {@code @DynamicPropertySource} methods
 * reach it through {@link #shared()}; test methods can also take it as a parameter.
 */
public final class DevstackExtension implements BeforeAllCallback, ParameterResolver {

    private static Devstack shared;

    public static synchronized Devstack shared() {
        if (shared == null) {
            shared = Devstack.start(DevstackSettings.forTests());
            System.out.println("[devstack] started for tests: " + shared.startupReport());
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
