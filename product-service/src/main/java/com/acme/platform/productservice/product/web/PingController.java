package com.acme.platform.productservice.product.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A trivial endpoint: the HTTP floor the cached GET is compared with in bench/cache.sh. Internal, never routed. */
@RestController
class PingController {

    record Pong(String status) {
    }

    private static final Pong PONG = new Pong("ok");

    @GetMapping("/internal/ping")
    Pong ping() {
        return PONG;
    }
}
