-- The demo city's generated past (decision 0015): one row once the activity is in, so a restart never adds it twice.
CREATE TABLE demo_activity (
    id           integer PRIMARY KEY CHECK (id = 1),
    level        text        NOT NULL,
    seed         bigint      NOT NULL,
    first_day    date        NOT NULL,
    last_day     date        NOT NULL,
    took_ms      bigint      NOT NULL,
    generated_at timestamptz NOT NULL
);
