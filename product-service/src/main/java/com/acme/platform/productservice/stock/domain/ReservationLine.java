package com.acme.platform.productservice.stock.domain;

import java.util.UUID;

public record ReservationLine(UUID productId, int quantity) {
}
