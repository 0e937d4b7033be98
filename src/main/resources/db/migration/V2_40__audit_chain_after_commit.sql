-- Decision 0033: writers only append; AuditChainer links events after they commit. The chain's order is its own
-- position column, chain_seq (dense from 1), because an event with a smaller id may commit, and so be linked, later.
ALTER TABLE audit_event ADD COLUMN chain_seq bigint;
-- The writer's HMAC over the event's own content (no predecessor, so no lock): an event inserted or edited by someone
-- without the key is caught even if it gets linked. Content, like the rest: never changes after the insert.
ALTER TABLE audit_event ADD COLUMN seal text;
ALTER TABLE audit_event ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;

-- Rows linked so far were linked in id order under the old lock (ids were drawn and committed one at a time), so
-- their position is their rank by id; checkpoint lines written before counted exactly these.
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
UPDATE audit_event e SET chain_seq = r.seq
FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_event) r
WHERE e.id = r.id;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;

CREATE UNIQUE INDEX audit_event_chain_seq ON audit_event (chain_seq);
-- what the chainer looks for every second: small, since rows leave it once linked
CREATE INDEX audit_event_unlinked ON audit_event (id) WHERE hash IS NULL;

-- Still append-only, with one exception: linking an unlinked row once. Only the chain columns may change, only from
-- empty to filled; the row's content (whatever columns it has now or later) must stay as it is. Any other UPDATE and
-- every DELETE are refused as before.
CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.hash IS NULL AND OLD.prev_hash IS NULL AND OLD.chain_seq IS NULL
       AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.chain_seq IS NOT NULL
       AND to_jsonb(NEW) - '{chain_seq,prev_hash,hash,keyed}'::text[]
           = to_jsonb(OLD) - '{chain_seq,prev_hash,hash,keyed}'::text[] THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only';
END $$;

-- A role that may append events may also link them (column privileges only: it still may not UPDATE the content,
-- and the trigger still refuses everything but the first linking). Roles granted later: docs/operations.md §6.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT DISTINCT a.grantee::regrole AS role
             FROM pg_class c, aclexplode(c.relacl) a
             WHERE c.oid = 'audit_event'::regclass AND a.privilege_type = 'INSERT'
               AND a.grantee <> 0 AND a.grantee <> c.relowner
    LOOP
        EXECUTE format('GRANT UPDATE (chain_seq, prev_hash, hash, keyed) ON audit_event TO %s', r.role);
    END LOOP;
END $$;
