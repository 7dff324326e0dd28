package com.acme.platform.workerservice;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Workers API", version = "1.0", description = """
        What the Kafka consumer groups of worker-service produce (notifications, sales analytics), and the \
        operator's tools: the dead-letter queue (list, replay, discard) and the failure-injection switch.

        Every answer carries `X-Request-Id` (the one you sent, or a new one); every error is \
        `application/problem+json` (RFC 9457)."""))
@ConfigurationPropertiesScan
public class WorkerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerServiceApplication.class, args);
    }
}
