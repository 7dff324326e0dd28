package com.acme.platform.support.http;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import com.acme.platform.support.security.ServiceTokenAutoConfiguration;
import com.acme.platform.support.security.ServiceTokenInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

/**
 * Calls to other services, in every servlet service that has Spring Cloud LoadBalancer on its classpath: a
 * RestClient builder that resolves {@code http://<service>/...} against the instances listed under
 * {@code spring.cloud.discovery.client.simple.instances.<service>} (round robin), with the timeouts of
 * {@code platform.http-client} and the service's own access token, and {@link ResilientCalls} for the breaker and retry around each call.
 */
@AutoConfiguration(after = ServiceTokenAutoConfiguration.class, afterName = {
        "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
        "io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(LoadBalanced.class)
@EnableConfigurationProperties(HttpClientProperties.class)
public class ServiceClientsAutoConfiguration {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder(HttpClientProperties properties,
                                                     ObjectProvider<ServiceTokenInterceptor> serviceToken) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.readTimeout());
        RestClient.Builder builder = RestClient.builder().requestFactory(factory);
        // Every call carries the calling service's own access token (ServiceTokenAutoConfiguration).
        serviceToken.ifAvailable(token -> builder.requestInterceptor(token.interceptor()));
        return builder;
    }

    @Bean
    ResilientCalls resilientCalls(CircuitBreakerRegistry breakers, RetryRegistry retries) {
        return new ResilientCalls(breakers, retries);
    }
}
