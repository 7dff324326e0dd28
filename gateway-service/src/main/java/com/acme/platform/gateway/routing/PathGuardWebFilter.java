package com.acme.platform.gateway.routing;

import com.acme.platform.gateway.error.GatewayProblem;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Locale;

/**
 * Rejects, before security and routing look at it, any path that could resolve somewhere else than it reads:
 * dot segments ({@code /api/products/../../actuator}, {@code /./}), empty segments, encoded dots, slashes and backslashes, NUL, and
 * {@code ;} path parameters ({@code ..;/}). The raw path is checked as sent (what {@code curl --path-as-is}
 * sends), so no decoding step can smuggle {@code /actuator/**} or {@code /internal/**} past the route table.
 * Plain {@code /actuator/**} and {@code /internal/**} need no rule here: no route matches them, so they are 404.
 */
@Component
public class PathGuardWebFilter implements WebFilter, Ordered {

    private static final String[] FORBIDDEN = {"..", "%2e", "%2f", "%5c", "\\", "%00", ";", "%25"};

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;   // right after the request id, ahead of Spring Security (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        if (rawPath == null || rawPath.isEmpty()) {
            return Mono.error(new GatewayProblem(HttpStatus.BAD_REQUEST, "The request has no path"));
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("//") || lower.contains("/./") || lower.endsWith("/.")) {
            return Mono.error(new GatewayProblem(HttpStatus.BAD_REQUEST, "Path contains an empty or '.' segment"));
        }
        for (String token : FORBIDDEN) {
            if (lower.contains(token)) {
                return Mono.error(new GatewayProblem(HttpStatus.BAD_REQUEST,
                        "Path contains '" + token + "': dot segments, encoded separators and path parameters are not accepted"));
            }
        }
        return chain.filter(exchange);
    }
}
