package com.acme.platform.workerservice.clients.product;

import com.acme.platform.support.http.ResilientCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * product-service's stock reservations in a batch ({@code POST /internal/stock-reservations/batch},
 * docs/internal-api.md), through the circuit breaker and retry named {@value #SERVICE} (application.yml,
 * resilience4j.*). Each order is reserved all or nothing and idempotently by its order id on the server, which is
 * what makes retrying the whole call (here, and by Kafka redelivery) safe: stock is decremented once however often
 * the same order is reserved.
 */
@Component
public class StockReservationClient {

    static final String SERVICE = "product-service";
    /**
     * Orders per call (product-service accepts up to 500). product-service reserves them one transaction after another,
     * so a call's duration grows with its size: 25 keeps a call well inside the 3 s read timeout even on a saturated
     * machine (a poll of 100 orders, 100 transactions in one call, timed out there and opened the breaker), while
     * still sharing one round trip and one cache invalidation among 25 orders.
     */
    static final int ORDERS_PER_CALL = 25;

    public record Line(UUID productId, int quantity) {
    }

    /** One order's reservation. */
    public record Request(UUID orderId, List<Line> items) {
    }

    public record Reservation(UUID orderId, String status, String reason) {
        public boolean reserved() {
            return "RESERVED".equals(status);
        }
    }

    record BatchRequest(List<Request> reservations) {
    }

    record BatchResponse(List<Reservation> items) {
    }

    private final RestClient rest;
    private final ResilientCalls calls;

    StockReservationClient(RestClient.Builder loadBalancedRestClientBuilder, ResilientCalls calls) {
        this.rest = loadBalancedRestClientBuilder.baseUrl("http://" + SERVICE).build();
        this.calls = calls;
    }

    /** The outcomes, in request order: one HTTP round trip per {@value #ORDERS_PER_CALL} orders. */
    public List<Reservation> reserveAll(List<Request> requests) {
        List<Reservation> outcomes = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += ORDERS_PER_CALL) {
            List<Request> chunk = requests.subList(from, Math.min(requests.size(), from + ORDERS_PER_CALL));
            BatchResponse response = calls.call(SERVICE, () -> rest.post().uri("/internal/stock-reservations/batch")
                    .body(new BatchRequest(chunk))
                    .retrieve().body(BatchResponse.class));
            int answered = response == null || response.items() == null ? 0 : response.items().size();
            if (answered != chunk.size()) {
                throw new IllegalStateException("product-service answered a batch of " + chunk.size()
                        + " reservations with " + answered);
            }
            for (int i = 0; i < answered; i++) {
                if (!chunk.get(i).orderId().equals(response.items().get(i).orderId())) {
                    throw new IllegalStateException("product-service answered reservation " + i + " for order "
                            + response.items().get(i).orderId() + ", asked for " + chunk.get(i).orderId());
                }
            }
            outcomes.addAll(response.items());
        }
        return outcomes;
    }
}
