-- The pool's text search finds a case by any part of its content from a trigram index (decision 0071): a search of
-- three characters or more that few cases contain read every case of the scope before (0.65-1.5 s at 1 M cases), and
-- now reads the few that hold its trigrams. pg_trgm ships with PostgreSQL and is a trusted extension, so the
-- database's owner may create it. Chinese characters form trigrams under a UTF-8 ctype (the embedded server's
-- C.UTF-8, or zh_CN.UTF-8). A case's content is written once, when it is received; a case is received far less
-- often than a form is rated, so the index's cost at intake is small (decision 0071 measures it). Built in 10 s on
-- 1 M cases, inside the migration's transaction. IF NOT EXISTS: SchemaBaselineTests runs the files after the
-- baseline again on a schema that has them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX IF NOT EXISTS cases_content_trgm ON cases USING gin (content gin_trgm_ops);
