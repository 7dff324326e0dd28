package com.acme.platform.workerservice.analytics.web;

import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.workerservice.analytics.domain.TopProducts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class AnalyticsController {

    record TopProductsPage(List<TopProducts.Entry> items) {
    }

    private final TopProducts topProducts;

    AnalyticsController(TopProducts topProducts) {
        this.topProducts = topProducts;
    }

    @GetMapping("/api/analytics/top-products")
    TopProductsPage top(@RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("limit must be 1..1000, got " + limit);
        }
        return new TopProductsPage(topProducts.top(limit));
    }
}
