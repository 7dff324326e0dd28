-- The retention job (RetentionJob) deletes rows older than a window, batch by batch; these indexes let each batch
-- find its rows without scanning the table, which grows by one row per order in each.
CREATE INDEX outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
