-- The relay claims rows with a lease instead of holding row locks while it waits for Kafka: claim (one short
-- statement, committed), send, then mark sent. claimed_until is when an unfinished claim lapses and the rows may be
-- claimed again (a relay that crashed between claim and mark).
ALTER TABLE outbox ADD COLUMN claimed_until timestamptz;
-- Per-key order: a row is claimed only when no earlier unsent row has its key; this index answers that check.
CREATE INDEX outbox_unsent_key_idx ON outbox (event_key, id) WHERE sent_at IS NULL;
