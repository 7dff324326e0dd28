package com.acme.platform.workerservice.events;

import java.util.List;

/** The contract's consumer group names. */
public final class ConsumerGroups {

    public static final String FULFILLMENT = "fulfillment";
    public static final String NOTIFICATIONS = "notifications";
    public static final String ANALYTICS = "analytics";
    public static final String ORDER_SERVICE = "order-service";
    public static final String DLQ_RECORDER = "dlq-recorder";

    /** Groups whose dead letters can be listed and replayed. */
    public static final List<String> FAILING = List.of(FULFILLMENT, NOTIFICATIONS, ANALYTICS, ORDER_SERVICE);
    /** Groups in this service, which remove a DLQ entry themselves once its replay succeeded. */
    public static final List<String> LOCAL = List.of(FULFILLMENT, NOTIFICATIONS, ANALYTICS);

    private ConsumerGroups() {
    }
}
