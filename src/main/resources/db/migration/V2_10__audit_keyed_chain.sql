-- The chain becomes keyed (HMAC-SHA256 under a key kept outside the database, audit/AuditKeys). Rows written before
-- keep their plain SHA-256 links and verify as such, but only as the chain's beginning: a plain link after a keyed
-- one is a forgery. ADD COLUMN with a constant default rewrites no row, so the append-only trigger is not involved.
ALTER TABLE audit_event ADD COLUMN keyed boolean NOT NULL DEFAULT false;
