package com.acme.platform.orderservice.config;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

/**
 * A RestClient builder that Spring Cloud LoadBalancer resolves {@code http://product-service/...} against the
 * instances listed under {@code spring.cloud.discovery.client.simple.instances} (round robin).
 */
@Configuration(proxyBeanMethods = false)
class HttpClientConfig {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder(OrderProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.productService().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.productService().readTimeout());
        return RestClient.builder().requestFactory(factory);
    }
}
