-- The retention job (RetentionJob) deletes processed event ids older than a window, batch by batch; this index lets
-- each batch find its rows without scanning the table, which grows by one row per event and group.
CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at);
