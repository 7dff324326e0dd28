package com.acme.platform.productservice;

import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class InternalEndpointsTests extends AbstractIntegrationTest {

    @Test
    void batchLookupReturnsExistingProductsAndSkipsUnknownAndDuplicateIds() throws Exception {
        String a = createProduct("A", 100, 1).get("id").asString();
        String b = createProduct("B", 200, 1).get("id").asString();
        HttpResponse<String> response = get("/internal/products?ids=" + a + "," + b + "," + a + "," + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Json.parse(response.body()).get("items").forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void batchLookupRejectsNoIdsTooManyAndMalformed() throws Exception {
        String tooMany = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString()).collect(Collectors.joining(","));
        for (String query : new String[]{"", "?ids=", "?ids=" + tooMany, "?ids=nope", "?ids=" + UUID.randomUUID() + ",,"}) {
            HttpResponse<String> response = get("/internal/products" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    @Test
    void reservationDecrementsEveryLineAndARepeatChangesNothing() throws Exception {
        String a = createProduct("RA", 100, 5).get("id").asString();
        String b = createProduct("RB", 100, 3).get("id").asString();
        assertThat(get("/api/products/" + a).statusCode()).isEqualTo(200); // cached before the reservation
        String order = UUID.randomUUID().toString();
        String body = reservation(order, a, 2, b, 3);

        HttpResponse<String> first = send("POST", "/internal/stock-reservations", body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.parse(first.body()).get("status").asString()).isEqualTo("RESERVED");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

        HttpResponse<String> repeat = send("POST", "/internal/stock-reservations", body);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(Json.parse(repeat.body()).get("status").asString()).isEqualTo("RESERVED");
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        assertThat(stockOf(a)).isEqualTo(3); // and the cache was invalidated: the GET shows it
        assertThat(stockOf(b)).isEqualTo(0);
    }

    @Test
    void reservationThatDoesNotFitIsRejectedAndChangesNothing() throws Exception {
        String a = createProduct("RC", 100, 5).get("id").asString();
        String b = createProduct("RD", 100, 1).get("id").asString();

        HttpResponse<String> response = send("POST", "/internal/stock-reservations", reservation(UUID.randomUUID().toString(), a, 2, b, 2));
        JsonNode outcome = Json.parse(response.body());
        assertThat(outcome.get("status").asString()).isEqualTo("REJECTED");
        assertThat(outcome.get("reason").asString()).isEqualTo("insufficient stock for product " + b);
        assertThat(stockOf(a)).isEqualTo(5);
        assertThat(stockOf(b)).isEqualTo(1);

        UUID unknown = UUID.randomUUID();
        JsonNode unknownOutcome = Json.parse(send("POST", "/internal/stock-reservations",
                reservation(UUID.randomUUID().toString(), a, 1, unknown.toString(), 1)).body());
        assertThat(unknownOutcome.get("reason").asString()).isEqualTo("unknown product " + unknown);
        assertThat(stockOf(a)).isEqualTo(5);
    }

    @Test
    void concurrentReservationsForTheLastUnitsNeverDriveStockNegative() throws Exception {
        String a = createProduct("RE", 100, 10).get("id").asString();
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 25; i++) {
                String body = """
                        {"orderId":"%s","items":[{"productId":"%s","quantity":1}]}""".formatted(UUID.randomUUID(), a);
                responses.add(pool.submit(() -> send("POST", "/internal/stock-reservations", body)));
            }
        }
        long reserved = 0;
        for (Future<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
            if (Json.parse(response.get().body()).get("status").asString().equals("RESERVED")) {
                reserved++;
            }
        }
        assertThat(reserved).isEqualTo(10);
        assertThat(stockOf(a)).isEqualTo(0);
    }

    @Test
    void batchReservesEachOrderAllOrNothingRepliesInOrderAndInvalidatesOnce() throws Exception {
        String a = createProduct("BA", 100, 5).get("id").asString();
        String b = createProduct("BB", 100, 1).get("id").asString();
        assertThat(stockOf(a)).isEqualTo(5); // cached before the batch
        String first = UUID.randomUUID().toString();
        String rejected = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        String body = "{\"reservations\":[" + reservation(first, a, 2, b, 1) + "," + reservation(rejected, a, 1, b, 1) + ","
                + "{\"orderId\":\"" + third + "\",\"items\":[{\"productId\":\"" + a + "\",\"quantity\":3}]}]}";

        HttpResponse<String> response = send("POST", "/internal/stock-reservations/batch", body);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> outcomes = new ArrayList<>();
        Json.parse(response.body()).get("items").forEach(item -> outcomes.add(item.get("orderId").asString() + " "
                + item.get("status").asString() + " " + item.get("replayed").asBoolean()));
        assertThat(outcomes).containsExactly(first + " RESERVED false", rejected + " REJECTED false", third + " RESERVED false");
        assertThat(stockOf(a)).isZero(); // 5 - 2 - 3: the rejected order took nothing, and the L1/Redis entry is gone
        assertThat(stockOf(b)).isZero();

        // A repeat of the batch (a redelivered poll) changes nothing and says so per order.
        JsonNode repeat = Json.parse(send("POST", "/internal/stock-reservations/batch", body).body());
        repeat.get("items").forEach(item -> assertThat(item.get("replayed").asBoolean()).isTrue());
        assertThat(stockOf(a)).isZero();
        // The single-order endpoint sees the batch's outcome for the same order id.
        HttpResponse<String> single = send("POST", "/internal/stock-reservations", reservation(rejected, a, 1, b, 1));
        assertThat(Json.parse(single.body()).get("status").asString()).isEqualTo("REJECTED");
        assertThat(single.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void malformedBatchesAre400() throws Exception {
        String tooMany = IntStream.range(0, 501).mapToObj(i -> "{\"orderId\":\"" + UUID.randomUUID()
                + "\",\"items\":[{\"productId\":\"" + UUID.randomUUID() + "\",\"quantity\":1}]}").collect(Collectors.joining(","));
        for (String body : new String[]{"{}", "{\"reservations\":[]}", "{\"reservations\":[" + tooMany + "]}",
                "{\"reservations\":[{\"orderId\":\"" + UUID.randomUUID() + "\",\"items\":[]}]}"}) {
            HttpResponse<String> response = send("POST", "/internal/stock-reservations/batch", body);
            assertThat(response.statusCode()).as(body.length() > 200 ? "501 reservations" : body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    @Test
    void malformedReservationsAre400() throws Exception {
        String[] bodies = {
                "{}",
                "{\"orderId\":\"nope\",\"items\":[]}",
                "{\"orderId\":\"" + UUID.randomUUID() + "\",\"items\":[]}",
                "{\"orderId\":\"" + UUID.randomUUID() + "\",\"items\":[{\"productId\":\"" + UUID.randomUUID() + "\",\"quantity\":0}]}",
                "{\"orderId\":\"" + UUID.randomUUID() + "\",\"items\":[{\"productId\":\"" + UUID.randomUUID() + "\",\"quantity\":1001}]}",
                "not json"};
        for (String body : bodies) {
            HttpResponse<String> response = send("POST", "/internal/stock-reservations", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    private int stockOf(String id) throws Exception {
        return Json.parse(get("/api/products/" + id).body()).get("stock").asInt();
    }

    private static String reservation(String order, String a, int qa, String b, int qb) {
        return """
                {"orderId":"%s","items":[{"productId":"%s","quantity":%d},{"productId":"%s","quantity":%d}]}"""
                .formatted(order, a, qa, b, qb);
    }
}
