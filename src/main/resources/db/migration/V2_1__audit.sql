-- Append-only audit trail. Each row carries the SHA-256 of the previous row's hash and its own content, so changing
-- or deleting a row breaks the chain from there on; the ADMIN page verifies it.
CREATE TABLE audit_event (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz NOT NULL,
    actor         text        NOT NULL,
    actor_roles   text        NOT NULL DEFAULT '',
    action        text        NOT NULL,
    record_type   text        NOT NULL,
    record_id     text        NOT NULL,
    before_state  text,
    after_state   text,
    address       text,
    prev_hash     text        NOT NULL,
    hash          text        NOT NULL UNIQUE
);
CREATE INDEX audit_event_record ON audit_event (record_type, record_id);
CREATE INDEX audit_event_actor ON audit_event (actor, occurred_at);
CREATE INDEX audit_event_time ON audit_event (occurred_at);

-- Nobody, not even the application, may rewrite history.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
