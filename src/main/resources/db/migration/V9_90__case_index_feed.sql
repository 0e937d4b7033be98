-- Keeping every node's duplicate index (Lucene, in memory per node) in step with the pool (issue 15, decision 0030).
-- Each write to a case stamps the row with the id of the transaction that wrote it, and tells the listening nodes at
-- commit (NOTIFY). A node reads the rows stamped at or after the oldest transaction still running at its previous
-- look (pg_snapshot_xmin): every transaction that had not committed then has an id at least that large, so a late
-- commit is never skipped, whatever the clocks of the nodes say. Rows loaded with triggers off keep 0 and are read
-- by the full rebuild at start.
ALTER TABLE cases ADD COLUMN index_tx bigint NOT NULL DEFAULT 0;
CREATE INDEX cases_index_tx ON cases (index_tx);

CREATE FUNCTION cases_stamp_index_tx() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.index_tx := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END $$;

CREATE TRIGGER cases_index_tx BEFORE INSERT OR UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_stamp_index_tx();

-- One notification per statement; PostgreSQL folds identical notifications of a transaction into one and delivers
-- it only at commit (never for a rolled-back write).
CREATE FUNCTION cases_notify_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('minyi_case_index', '');
    RETURN NULL;
END $$;

CREATE TRIGGER cases_index_notify AFTER INSERT OR UPDATE ON cases
    FOR EACH STATEMENT EXECUTE FUNCTION cases_notify_index();
