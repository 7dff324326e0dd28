package com.acme.platform.workerservice.config;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

/** RestClient builder resolved by Spring Cloud LoadBalancer against the simple-discovery instance list. */
@Configuration(proxyBeanMethods = false)
class HttpClientConfig {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder(WorkerProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.productService().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.productService().readTimeout());
        return RestClient.builder().requestFactory(factory);
    }
}
