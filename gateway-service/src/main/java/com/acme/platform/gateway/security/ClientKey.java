package com.acme.platform.gateway.security;

import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/**
 * Who a request counts against: the principal Spring Security authenticated ({@code principal:alice}, the token's
 * subject or the API key's client), else the
 * TCP peer address ({@code address:127.0.0.1}). Never a raw header: a made-up key is rejected (401) before it could
 * open a bucket, and {@code X-Forwarded-For} is not trusted (anyone can send it). Never empty: SCG's limiter would
 * answer 403 for an empty key.
 */
public record ClientKey(String value, boolean authenticated) {

    public static final String ATTRIBUTE = ClientKey.class.getName();

    public static ClientKey of(org.springframework.security.core.Authentication caller, ServerWebExchange exchange) {
        if (caller != null) {
            return new ClientKey("principal:" + caller.getName(), true);
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        return new ClientKey("address:" + address, false);
    }

    /** The key recorded on authentication, else the address's, recorded now for the later steps (rate limit, sticky balancing). */
    public static ClientKey from(ServerWebExchange exchange) {
        ClientKey key = exchange.getAttribute(ATTRIBUTE);
        if (key == null) {
            key = of(null, exchange);
            exchange.getAttributes().put(ATTRIBUTE, key);
        }
        return key;
    }
}
