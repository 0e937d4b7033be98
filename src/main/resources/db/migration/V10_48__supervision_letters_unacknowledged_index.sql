-- The letters not yet acknowledged, newest first, from an index of their own (decision 0072): every home page of a
-- dispatcher, supervisor and leader counts them and the list behind the count shows them. Without it both read every
-- letter of the scope, acknowledged or not: 61 ms and 32 ms of each home page at 132,000 letters. A letter leaves the
-- index when it is acknowledged, so in a city whose units answer their letters it stays small. The path is carried
-- for the scope's filter. IF NOT EXISTS: SchemaBaselineTests runs the files after the baseline again on a schema that
-- has them.
CREATE INDEX IF NOT EXISTS supervision_letter_unacknowledged ON supervision_letter (issued_at DESC, id DESC)
    INCLUDE (jurisdiction_path) WHERE acknowledged_at IS NULL;
