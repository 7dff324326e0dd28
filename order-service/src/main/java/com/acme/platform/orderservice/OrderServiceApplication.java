package com.acme.platform.orderservice;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Orders API", version = "1.0", description = """
        Orders: placed once per Idempotency-Key, priced from the catalog, confirmed or rejected asynchronously.

        **Idempotency.** `POST /api/orders` requires an `Idempotency-Key` (scoped per API key). The same key with the \
        same body answers the first reply again, byte for byte, with `Idempotent-Replayed: true`; the same key with a \
        different body answers 422; a request still in flight with that key answers 409 with `Retry-After`.

        **Pagination.** `GET /api/orders?customerId=` pages by keyset: `limit` 1..1000 (default 20; anything else is \
        400), then the answer's `nextCursor` as `cursor`; `nextCursor` is null on the last page.

        Every answer carries `X-Request-Id` (the one you sent, or a new one); every error is \
        `application/problem+json` (RFC 9457)."""))
@ConfigurationPropertiesScan
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
