package com.acme.platform.support;

import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import com.acme.platform.support.apidocs.PlatformApiDocs;
import org.springframework.core.Ordered;

/**
 * Registers the platform's common servlet filters in every servlet service that depends on this module, makes Tomcat
 * answer the requests it refuses itself with problem details, lets any of its beans use {@code @Scheduled}, and adds
 * to its OpenAPI document what every service's says alike ({@link PlatformApiDocs}: relative server, OAuth2 and API-key schemes,
 * the gateway's own answers, problem details).
 */
// Before Spring MVC's auto-configuration: its own problem-details handler backs off only if CommonProblemHandler (a
// ResponseEntityExceptionHandler) is already defined; otherwise both exist and Boot's answers validation errors
// without naming the fields.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableScheduling
@EnableConfigurationProperties(InstanceProperties.class)
public class ServiceSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ServedByFilter> servedByFilter(InstanceProperties instance) {
        FilterRegistrationBean<ServedByFilter> registration = new FilterRegistrationBean<>(new ServedByFilter(instance.name()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    CommonProblemHandler commonProblemHandler() {
        return new CommonProblemHandler();
    }

    /** Only where springdoc is on the classpath (every servlet service brings it; the dependency here is optional). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class ApiDocumentation {

        @Bean
        PlatformApiDocs platformApiDocs(org.springframework.core.env.Environment environment) {
            // The authorization server as a browser reaches it (Swagger UI's Authorize), not the issuer this service
            // checks against (a test issuer on a random port in the tests): the published documents stay stable.
            return new PlatformApiDocs(environment.getProperty("platform.api-docs.authorization-server", "http://localhost:9000"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatProblems {

        @Bean
        TomcatProblemCustomizer tomcatProblemCustomizer(ServerProperties server) {
            return new TomcatProblemCustomizer(server.getMaxHttpRequestHeaderSize().toBytes());
        }
    }

    /** Ordered after Spring Boot's own Tomcat customizer, whose error report valve this one replaces. */
    static final class TomcatProblemCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        private final long maxHeaderSize;

        TomcatProblemCustomizer(long maxHeaderSize) {
            this.maxHeaderSize = maxHeaderSize;
        }

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> ProblemErrorReportValve.replaceIn(context, maxHeaderSize));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
