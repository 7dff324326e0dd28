package com.acme.platform.support.security;

import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * The interceptor that adds the service's own access token to calls to other services
 * ({@link ServiceTokenAutoConfiguration}), under a type of ours, so the RestClient builder can ask for it without
 * Spring Security's OAuth2 client on its classpath.
 */
public record ServiceTokenInterceptor(ClientHttpRequestInterceptor interceptor) {
}
