package com.acme.platform.events;

/** The contract's topic names. Dead letters of a topic go to {@link #deadLetters(String)}, same partition. */
public final class Topics {

    /** OrderPlaced events from order-service's outbox, key = order id. */
    public static final String ORDERS = "orders";
    /** OrderConfirmed / OrderRejected from the fulfillment group, key = order id. */
    public static final String ORDER_STATUS = "order-status";

    private Topics() {
    }

    /** {@code <topic>-dlt}: Spring Kafka's default name, which the contract keeps. */
    public static String deadLetters(String topic) {
        return topic + "-dlt";
    }
}
