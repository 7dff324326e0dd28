package com.acme.platform.authservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The platform's OAuth2 authorization server and OpenID Connect provider: tokens for the services (client
 * credentials), the API-key callers (the gateway exchanges their key) and people (authorization code with PKCE).
 * See docs/auth-service.md.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServiceApplication.class, args);
    }
}
