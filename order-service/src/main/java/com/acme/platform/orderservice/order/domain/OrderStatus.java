package com.acme.platform.orderservice.order.domain;

public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED
}
