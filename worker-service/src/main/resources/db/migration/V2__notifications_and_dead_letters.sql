-- Added after V1 shipped with the foundation; V1 stays as it was so existing databases migrate forward.
-- The notifications group's simulated e-mails: one per order (the event id makes a redelivery a no-op).
CREATE TABLE notification (
    id          uuid         PRIMARY KEY,
    event_id    uuid         NOT NULL UNIQUE,
    order_id    uuid         NOT NULL,
    customer_id varchar(100) NOT NULL,
    channel     varchar(16)  NOT NULL,
    subject     varchar(200) NOT NULL,
    message     text         NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX notification_order_idx ON notification (order_id);

-- Dead letters recorded by group dlq-recorder from orders-dlt and order-status-dlt. topic/partition/offset are
-- those of the record that failed (the DLT headers carry them), so a DLT redelivery records nothing new.
CREATE TABLE dlq_entry (
    id              uuid         PRIMARY KEY,
    consumer_group  varchar(64)  NOT NULL,
    topic           varchar(100) NOT NULL,
    source_partition integer     NOT NULL,
    source_offset   bigint       NOT NULL,
    record_key      text,
    payload         text,
    error           text         NOT NULL,
    attempts        integer      NOT NULL,
    failed_at       timestamptz  NOT NULL,
    replayed_at     timestamptz,
    UNIQUE (topic, source_partition, source_offset, consumer_group)
);
CREATE INDEX dlq_entry_group_idx ON dlq_entry (consumer_group, failed_at);
