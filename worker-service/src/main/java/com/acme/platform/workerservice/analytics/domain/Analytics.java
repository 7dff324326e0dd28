package com.acme.platform.workerservice.analytics.domain;

import com.acme.platform.events.OrderPlacedEvent;
import org.springframework.stereotype.Service;

import java.util.List;

/** The analytics group's use cases: count an order once, show the best sellers. */
@Service
public class Analytics {

    private final TopProductsRepository topProducts;

    Analytics(TopProductsRepository topProducts) {
        this.topProducts = topProducts;
    }

    /** True if the order was counted now, false if it had been counted before (a redelivery). */
    public boolean count(OrderPlacedEvent event) {
        return topProducts.record(event);
    }

    public List<ProductSales> topProducts(int limit) {
        return topProducts.top(limit);
    }
}
