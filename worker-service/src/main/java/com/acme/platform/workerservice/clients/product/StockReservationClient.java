package com.acme.platform.workerservice.clients.product;

import com.acme.platform.support.http.ResilientCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.UUID;

/**
 * product-service's stock reservation ({@code POST /internal/stock-reservations}, docs/internal-api.md), through the
 * circuit breaker and retry named {@value #SERVICE} (application.yml, resilience4j.*). The call is idempotent per
 * order id on the server, which is what makes retrying it (here, and by Kafka redelivery) safe: stock is decremented
 * once however often the same order is reserved.
 */
@Component
public class StockReservationClient {

    static final String SERVICE = "product-service";

    public record Line(UUID productId, int quantity) {
    }

    public record Reservation(UUID orderId, String status, String reason) {
        public boolean reserved() {
            return "RESERVED".equals(status);
        }
    }

    record ReservationRequest(UUID orderId, List<Line> items) {
    }

    private final RestClient rest;
    private final ResilientCalls calls;

    StockReservationClient(RestClient.Builder loadBalancedRestClientBuilder, ResilientCalls calls) {
        this.rest = loadBalancedRestClientBuilder.baseUrl("http://" + SERVICE).build();
        this.calls = calls;
    }

    public Reservation reserve(UUID orderId, List<Line> items) {
        return calls.call(SERVICE, () -> rest.post().uri("/internal/stock-reservations")
                .body(new ReservationRequest(orderId, items))
                .retrieve().body(Reservation.class));
    }
}
