package com.acme.platform.workerservice.analytics.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Analytics", description = "Sales figures the analytics consumer group aggregates from placed orders")
class AnalyticsController {

    record TopProductsPage(List<ProductSales> items) {
    }

    private final Analytics analytics;

    AnalyticsController(Analytics analytics) {
        this.analytics = analytics;
    }

    @Operation(operationId = "topProducts", summary = "Best-selling products by units sold",
            description = "Aggregated asynchronously from OrderPlaced events, so a new order shows after a short delay.")
    @ApiResponse(responseCode = "200", description = "the best sellers, most units first")
    @ApiResponse(responseCode = "400", description = "limit outside 1..1000")
    @GetMapping("/api/analytics/top-products")
    TopProductsPage top(@Parameter(description = "how many products, 1..1000") @RequestParam(defaultValue = "10") @Min(PageCursor.MIN_LIMIT) @Max(PageCursor.MAX_LIMIT) int limit) {
        return new TopProductsPage(analytics.topProducts(limit));
    }
}
