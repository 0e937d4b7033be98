-- The schema of the audit trail,
-- as migrations V1_1 to V10_42 left it (decision 0063). Made by scripts/squash-baseline.py from the
-- database those migrations built; why each piece is shaped the way it is stands in docs/decisions
-- and in the history of the files this one replaces (git log -- src/main/resources/db/migration).

CREATE TABLE audit_event (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamp with time zone NOT NULL,
    actor text NOT NULL,
    actor_roles text DEFAULT ''::text NOT NULL,
    action text NOT NULL,
    record_type text NOT NULL,
    record_id text NOT NULL,
    before_state text,
    after_state text,
    address text,
    prev_hash text,
    hash text,
    keyed boolean DEFAULT false NOT NULL,
    chain_seq bigint,
    seal text,
    city_id bigint NOT NULL,
    CONSTRAINT audit_event_hash_key UNIQUE (hash, city_id),
    CONSTRAINT audit_event_pkey PRIMARY KEY (id, city_id)
);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

-- A role that may append events may also link them (column privileges only: it still may not UPDATE the
-- content, and the trigger refuses everything but the first linking). Roles granted later: docs/operations.md §6.
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

CREATE INDEX audit_event_actor ON audit_event USING btree (actor, occurred_at);

CREATE UNIQUE INDEX audit_event_chain_seq ON audit_event USING btree (city_id, chain_seq);

CREATE INDEX audit_event_record ON audit_event USING btree (record_type, record_id);

CREATE INDEX audit_event_time ON audit_event USING btree (occurred_at);

CREATE INDEX audit_event_unlinked ON audit_event USING btree (city_id, id) WHERE (hash IS NULL);

CREATE TRIGGER audit_event_no_update BEFORE DELETE OR UPDATE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
