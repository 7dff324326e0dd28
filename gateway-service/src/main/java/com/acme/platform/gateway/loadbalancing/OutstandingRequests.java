package com.acme.platform.gateway.loadbalancing;

import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests in flight per instance id, across all routes; fed by {@link OutstandingRequestsFilter}. */
@Component
public class OutstandingRequests {

    private final ConcurrentMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    int get(String instanceId) {
        AtomicInteger count = inFlight.get(instanceId);
        return count == null ? 0 : count.get();
    }

    void started(String instanceId) {
        inFlight.computeIfAbsent(instanceId, id -> new AtomicInteger()).incrementAndGet();
    }

    void finished(String instanceId) {
        inFlight.computeIfAbsent(instanceId, id -> new AtomicInteger()).decrementAndGet();
    }
}
