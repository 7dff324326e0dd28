-- Idempotent consumers: an event's effect and its id are recorded in one transaction, per consumer group,
-- so a redelivered event is recognised and skipped.
CREATE TABLE processed_event (
    consumer_group varchar(64) NOT NULL,
    event_id       uuid        NOT NULL,
    processed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);
