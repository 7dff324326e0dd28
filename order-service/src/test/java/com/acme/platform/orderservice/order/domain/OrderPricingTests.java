package com.acme.platform.orderservice.order.domain;

import com.acme.platform.orderservice.clients.product.ProductInfo;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An order's lines and total, priced from product-service's answer at order time. */
class OrderPricingTests {

    private static final UUID MUG = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID TEA = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID POT = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    private static final Map<UUID, ProductInfo> CATALOG = Map.of(
            MUG, new ProductInfo(MUG, 1_250, "EUR"),
            TEA, new ProductInfo(TEA, 399, "EUR"),
            POT, new ProductInfo(POT, 4_900, "EUR"));

    @Test
    void theTotalIsEachUnitPriceTimesItsQuantity() {
        Order order = OrderService.price(request("c-1", line(MUG, 2), line(TEA, 3), line(POT, 1)), CATALOG);

        assertThat(order.totalCents()).isEqualTo(2 * 1_250 + 3 * 399 + 4_900);
        assertThat(order.currency()).isEqualTo("EUR");
    }

    @Test
    void eachLineCarriesTheCatalogsUnitPriceAtOrderTime() {
        Order order = OrderService.price(request("c-1", line(TEA, 3)), CATALOG);

        assertThat(order.items()).containsExactly(new Order.Line(TEA, 3, 399));
    }

    @Test
    void linesAreOrderedByProductIdWhateverTheRequestsOrder() {
        Order forwards = OrderService.price(request("c-1", line(MUG, 1), line(TEA, 1), line(POT, 1)), CATALOG);
        Order backwards = OrderService.price(request("c-1", line(POT, 1), line(TEA, 1), line(MUG, 1)), CATALOG);

        assertThat(forwards.items()).extracting(Order.Line::productId).containsExactly(MUG, TEA, POT);
        assertThat(backwards.items()).isEqualTo(forwards.items());
    }

    @Test
    void aNewOrderIsPendingForItsCustomerWithOneTimestampInMicroseconds() {
        Order order = OrderService.price(request("customer-42", line(MUG, 1)), CATALOG);

        assertThat(order.id()).isNotNull();
        assertThat(order.customerId()).isEqualTo("customer-42");
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.updatedAt()).isEqualTo(order.createdAt());
        assertThat(order.createdAt()).isEqualTo(order.createdAt().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void eachOrderGetsItsOwnId() {
        PlaceOrderRequest request = request("c-1", line(MUG, 1));

        assertThat(OrderService.price(request, CATALOG).id()).isNotEqualTo(OrderService.price(request, CATALOG).id());
    }

    @Test
    void productsTheCatalogDoesNotKnowAreUnprocessableAndNamed() {
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-0000000000ff");

        assertThatThrownBy(() -> OrderService.price(request("c-1", line(MUG, 1), line(unknown, 1)), CATALOG))
                .isInstanceOf(UnprocessableOrderException.class)
                .hasMessageContaining("unknown product")
                .hasMessageContaining(unknown.toString())
                .hasMessageNotContaining(MUG.toString());
    }

    @Test
    void productsInDifferentCurrenciesAreUnprocessable() {
        UUID dollars = UUID.fromString("00000000-0000-0000-0000-0000000000d0");
        Map<UUID, ProductInfo> mixed = Map.of(MUG, CATALOG.get(MUG), dollars, new ProductInfo(dollars, 100, "USD"));

        assertThatThrownBy(() -> OrderService.price(request("c-1", line(MUG, 1), line(dollars, 1)), mixed))
                .isInstanceOf(UnprocessableOrderException.class)
                .hasMessageContaining("different currencies")
                .hasMessageContaining("EUR").hasMessageContaining("USD");
    }

    @Test
    void aTotalBeyondALongFailsRatherThanWrappingRound() {
        UUID gold = UUID.fromString("00000000-0000-0000-0000-0000000000a0");
        Map<UUID, ProductInfo> priceless = Map.of(gold, new ProductInfo(gold, Long.MAX_VALUE / 2, "EUR"));

        assertThatThrownBy(() -> OrderService.price(request("c-1", line(gold, 3)), priceless))
                .isInstanceOf(ArithmeticException.class);
    }

    private static PlaceOrderRequest request(String customerId, PlaceOrderRequest.Line... lines) {
        return new PlaceOrderRequest(customerId, List.of(lines));
    }

    private static PlaceOrderRequest.Line line(UUID productId, int quantity) {
        return new PlaceOrderRequest.Line(productId, quantity);
    }
}
