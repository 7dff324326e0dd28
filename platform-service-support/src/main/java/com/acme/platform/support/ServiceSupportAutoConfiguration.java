package com.acme.platform.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.core.Ordered;

/**
 * Registers the platform's common servlet filters in every servlet service that depends on this module, lets any
 * of its beans use {@code @Scheduled}, and gives its OpenAPI document a relative server: Swagger UI, served by the
 * gateway, then sends "try it out" requests through the gateway (its origin), not to the service's own port, which
 * clients cannot reach in compose. (springdoc reads {@code @OpenAPIDefinition} from any bean.)
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableScheduling
@OpenAPIDefinition(servers = @Server(url = "/", description = "the origin the document was loaded from (the gateway)"))
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
}
