package com.acme.platform.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Names the instance that answered in {@code X-Served-By}, so load balancing is visible with curl. */
public final class ServedByFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Served-By";

    private final String instanceName;

    public ServedByFilter(String instanceName) {
        this.instanceName = instanceName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, instanceName);
        chain.doFilter(request, response);
    }
}
