package com.acme.platform.productservice;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Products API", version = "1.0", description = """
        The product catalog: public reads served from a cache over read replicas, admin writes to the primary.

        **Pagination.** `GET /api/products` pages by keyset: ask for `limit` items (1..1000, default 20; anything \
        else is 400, never clamped) and pass the answer's `nextCursor` as `cursor` to get the next page; \
        `nextCursor` is null on the last page. Cursors are opaque.

        **Caching.** `GET /api/products/{id}` answers a strong `ETag` (the product's version) and `Cache-Control`; \
        send it back in `If-None-Match` for a 304. `X-Cache` says how the cache served the read.

        **Read your writes.** Every write answers `X-Consistency-Token`; a read that sends it back in the \
        `X-Consistency-Token` header never sees data older than that write (reads may otherwise come from a replica \
        a few milliseconds behind).

        **Optimistic locking.** `PUT` accepts `If-Match` with the ETag you read; a stale one answers 412.

        Every answer carries `X-Request-Id` (the one you sent, or a new one); every error is \
        `application/problem+json` (RFC 9457)."""))
@ConfigurationPropertiesScan
public class ProductServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductServiceApplication.class, args);
    }
}
