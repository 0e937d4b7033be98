-- The deliveries given up on (DEAD), from an index of their own: the admin's home page counts them as a to-do, and the
-- log's filter lists them. Without it the count reads every outside delivery of the scope, which grows by every SMS
-- and hotline message sent. A delivery retried leaves the index, so it stays as small as the backlog of failures.
-- IF NOT EXISTS: SchemaBaselineTests runs the files after the baseline again on a schema that has them.
CREATE INDEX IF NOT EXISTS notification_dead ON notification (jurisdiction_path text_pattern_ops)
    WHERE status = 'DEAD' AND channel <> 'INBOX';
