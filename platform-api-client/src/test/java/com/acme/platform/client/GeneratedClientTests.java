package com.acme.platform.client;

import com.acme.platform.client.orders.api.OrdersApi;
import com.acme.platform.client.orders.model.Order;
import com.acme.platform.client.orders.model.PlaceOrderLine;
import com.acme.platform.client.orders.model.PlaceOrderRequest;
import com.acme.platform.client.products.api.ProductsApi;
import com.acme.platform.client.products.model.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A client team's first steps with the Java client openapi-generator made from the published documents: find a
 * product, place an order with a client API key, read it back, all through the gateway. Needs a running platform:
 * .ci/run passes {@code -Dplatform.gateway.url} after {@code ./local.sh up}; without it the test is skipped.
 */
@EnabledIfSystemProperty(named = "platform.gateway.url", matches = "https?://.+")
class GeneratedClientTests {

    private static final String GATEWAY = System.getProperty("platform.gateway.url");
    private static final String API_KEY = System.getProperty("platform.client.api-key", "demo-client-key");

    private final ProductsApi products = new ProductsApi(productsClient());
    private final OrdersApi orders = new OrdersApi(ordersClient(API_KEY));

    @Test
    void placesAnOrderAndReadsItBackThroughTheGateway() throws Exception {
        Product product = products.listProducts(100, null, null).getItems().stream()
                .filter(candidate -> candidate.getStock() > 0).findFirst()
                .orElseThrow(() -> new AssertionError("no product in stock in the catalog at " + GATEWAY));
        String customer = "generated-client-" + UUID.randomUUID();

        Order placed = orders.placeOrder(UUID.randomUUID().toString(), new PlaceOrderRequest().customerId(customer)
                .items(List.of(new PlaceOrderLine().productId(product.getId()).quantity(1))));

        assertThat(placed.getStatus()).isEqualTo(Order.StatusEnum.PENDING);
        assertThat(placed.getTotalCents()).isEqualTo(product.getPriceCents());
        Order read = orders.getOrder(placed.getId());
        assertThat(read.getId()).isEqualTo(placed.getId());
        assertThat(read.getCustomerId()).isEqualTo(customer);
        assertThat(read.getItems()).singleElement().satisfies(line -> {
            assertThat(line.getProductId()).isEqualTo(product.getId());
            assertThat(line.getQuantity()).isEqualTo(1);
            assertThat(line.getUnitPriceCents()).isEqualTo(product.getPriceCents());
        });
        assertThat(orders.listOrders(customer, 10, null).getItems()).extracting(Order::getId).containsExactly(placed.getId());
    }

    @Test
    void errorsArriveAsTheDocumentedProblems() {
        assertThatExceptionOfType(com.acme.platform.client.orders.ApiException.class)
                .isThrownBy(() -> orders.getOrder(UUID.randomUUID()))
                .satisfies(e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
                });

        OrdersApi anonymous = new OrdersApi(ordersClient(null));
        assertThatExceptionOfType(com.acme.platform.client.orders.ApiException.class)
                .isThrownBy(() -> anonymous.getOrder(UUID.randomUUID()))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(401));
    }

    private static com.acme.platform.client.products.ApiClient productsClient() {
        com.acme.platform.client.products.ApiClient client = new com.acme.platform.client.products.ApiClient();
        client.updateBaseUri(GATEWAY);
        return client;
    }

    /** {@code key} null: anonymous. */
    private static com.acme.platform.client.orders.ApiClient ordersClient(String key) {
        com.acme.platform.client.orders.ApiClient client = new com.acme.platform.client.orders.ApiClient();
        client.updateBaseUri(GATEWAY);
        if (key != null) {
            // The native library has no API-key setting: the key goes on every request, as Swagger UI's Authorize does.
            client.setRequestInterceptor(request -> request.header("X-API-Key", key));
        }
        return client;
    }
}
