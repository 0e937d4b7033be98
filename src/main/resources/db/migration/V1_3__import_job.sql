-- Excel imports run in the background; their progress and errors live here so that whichever app node the browser
-- polls can answer, and so that the person who uploaded a file can come back to its result.
CREATE TABLE import_job (
    id           uuid        PRIMARY KEY,
    kind         text        NOT NULL,
    file_name    text,
    actor        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('RUNNING', 'FAILED', 'DONE')),
    phase        text        NOT NULL DEFAULT '',
    total        integer     NOT NULL DEFAULT 0,
    processed    integer     NOT NULL DEFAULT 0,
    imported     integer     NOT NULL DEFAULT 0,
    error_count  integer     NOT NULL DEFAULT 0,
    errors       text[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
CREATE INDEX import_job_actor ON import_job (actor, created_at);
