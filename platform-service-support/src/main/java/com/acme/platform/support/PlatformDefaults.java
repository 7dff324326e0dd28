package com.acme.platform.support;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

/**
 * The configuration every platform service shares, in one place: each platform module may ship a
 * {@value #LOCATION} (this module: management, tracing, logging; platform-events: Kafka), and every one found on
 * the classpath is added BELOW everything else. So a service's application.yml, environment variables and test
 * properties all override a default, and a service states in its own file only what is its own.
 * <p>
 * Unlike {@code spring.config.import}, whose imported values win over the importing file, this keeps the shared
 * file a set of defaults. Registered in META-INF/spring.factories; runs before logging is set up, so the log
 * pattern below applies from the first line.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String LOCATION = "META-INF/platform-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClassLoader classLoader = application.getClassLoader() != null ? application.getClassLoader()
                : PlatformDefaults.class.getClassLoader();
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        try {
            for (URL url : Collections.list(classLoader.getResources(LOCATION))) {
                List<PropertySource<?>> sources = loader.load("platform defaults " + url, new UrlResource(url));
                sources.forEach(environment.getPropertySources()::addLast);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
