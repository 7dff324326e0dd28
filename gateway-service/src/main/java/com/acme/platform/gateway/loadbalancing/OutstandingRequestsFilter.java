package com.acme.platform.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts a request as outstanding on the instance the load balancer just chose, until the instance has answered
 * (or failed, or the client went away). Runs right after SCG's load-balancer filter, so a retry that picks another
 * instance is counted there.
 */
@Component
public class OutstandingRequestsFilter implements GlobalFilter, Ordered {

    private final OutstandingRequests outstanding;

    public OutstandingRequestsFilter(OutstandingRequests outstanding) {
        this.outstanding = outstanding;
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Response<ServiceInstance> chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (chosen == null || !chosen.hasServer()) {
            return chain.filter(exchange);
        }
        String instanceId = chosen.getServer().getInstanceId();
        outstanding.started(instanceId);
        return chain.filter(exchange).doFinally(signal -> outstanding.finished(instanceId));
    }
}
