-- Added after V1 shipped with the foundation; V1 stays as it was so existing databases migrate forward.
-- Idempotency keys, scoped per principal (the gateway's X-Principal). The first request's reply is stored in the
-- same transaction as the order, so a repeat gets exactly what the first caller got, or nothing was written at all.
CREATE TABLE idempotency_key (
    principal       varchar(64)  NOT NULL,
    idempotency_key varchar(200) NOT NULL,
    request_body    text         NOT NULL,
    response_status integer      NOT NULL,
    response_body   text         NOT NULL,
    order_id        uuid         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);

-- Transactional outbox: written with the order, published to Kafka by OutboxRelay, then marked sent.
CREATE TABLE outbox (
    id         bigserial    PRIMARY KEY,
    topic      varchar(100) NOT NULL,
    event_key  varchar(100) NOT NULL,
    payload    text         NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
-- The relay only ever scans the unsent rows; this keeps that scan (and outbox_backlog) cheap as the table grows.
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
