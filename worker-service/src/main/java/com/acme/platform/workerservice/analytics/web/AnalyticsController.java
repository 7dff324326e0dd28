package com.acme.platform.workerservice.analytics.web;

import com.acme.platform.support.PageCursor;
import com.acme.platform.workerservice.analytics.domain.Analytics;
import com.acme.platform.workerservice.analytics.domain.ProductSales;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class AnalyticsController {

    record TopProductsPage(List<ProductSales> items) {
    }

    private final Analytics analytics;

    AnalyticsController(Analytics analytics) {
        this.analytics = analytics;
    }

    @GetMapping("/api/analytics/top-products")
    TopProductsPage top(@RequestParam(defaultValue = "10") @Min(PageCursor.MIN_LIMIT) @Max(PageCursor.MAX_LIMIT) int limit) {
        return new TopProductsPage(analytics.topProducts(limit));
    }
}
