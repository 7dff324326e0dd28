package com.acme.platform.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Puts the gateway's {@code X-Request-Id} (or a new one, for calls that bypass the gateway) into the logging MDC
 * as {@code requestId} and echoes it, so one id ties a client's request to every service's log lines.
 * Runs first, before anything that can reject the request.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Ids from outside are echoed into logs and headers: accept only a safe, bounded shape. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The id the client (or the gateway) sent if it has a safe shape, else a new one. */
    public static String acceptOrCreate(String sent) {
        return sent != null && SAFE_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = acceptOrCreate(request.getHeader(HEADER));
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
