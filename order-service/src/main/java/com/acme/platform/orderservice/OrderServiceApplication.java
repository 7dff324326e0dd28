package com.acme.platform.orderservice;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

// The OpenAPI document names a relative server: Swagger UI, served by the gateway, then sends "try it out" requests
// through the gateway (its origin), not to this service's own port, which clients cannot reach in compose.
@OpenAPIDefinition(servers = @Server(url = "/", description = "the origin the document was loaded from (the gateway)"))
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
