package com.acme.platform.events;

import java.util.List;

/** The contract's consumer group names. */
public final class ConsumerGroups {

    /** On {@code orders}, in worker-service: reserves stock, publishes the order's status. */
    public static final String FULFILLMENT = "fulfillment";
    /** On {@code orders}, in worker-service: one simulated e-mail per order. */
    public static final String NOTIFICATIONS = "notifications";
    /** On {@code orders}, in worker-service: units and revenue per product. */
    public static final String ANALYTICS = "analytics";
    /** On {@code order-status}, in order-service: moves orders out of PENDING. */
    public static final String ORDER_SERVICE = "order-service";
    /** On every {@code <topic>-dlt}, in worker-service: stores dead letters for the DLQ API. */
    public static final String DLQ_RECORDER = "dlq-recorder";

    /** Groups whose dead letters can be listed and replayed. */
    public static final List<String> FAILING = List.of(FULFILLMENT, NOTIFICATIONS, ANALYTICS, ORDER_SERVICE);

    private ConsumerGroups() {
    }
}
