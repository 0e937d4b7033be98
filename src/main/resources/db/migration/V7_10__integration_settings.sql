-- Issue 11: the 12345 endpoint's settings and the Open311 service mapping are edited by ADMIN in the database and take
-- effect on the next call, on every node, without a restart (decision 0021).

-- The shared secret, encrypted with platform.SecretBox (key outside the database); NULL = minyi.hotline.secret from
-- configuration. During a rotation the previous secret is still accepted on inbound messages until
-- previous_valid_until, so the hotline can switch over without a refused order.
-- Timeouts and breaker settings: NULL = the configured default (minyi.hotline.*).
ALTER TABLE hotline_endpoint
    ADD COLUMN secret_enc           text,
    ADD COLUMN previous_secret_enc  text,
    ADD COLUMN previous_valid_until timestamptz,
    ADD COLUMN connect_timeout_ms   integer CHECK (connect_timeout_ms BETWEEN 100 AND 60000),
    ADD COLUMN read_timeout_ms      integer CHECK (read_timeout_ms BETWEEN 100 AND 120000),
    ADD COLUMN breaker_failures     integer CHECK (breaker_failures BETWEEN 1 AND 100),
    ADD COLUMN breaker_open_seconds integer CHECK (breaker_open_seconds BETWEEN 1 AND 3600),
    ADD COLUMN secret_rotated_at    timestamptz,
    ADD COLUMN updated_by           text,
    ADD COLUMN updated_at           timestamptz;

-- The unit usually responsible for a service: reported as agency_responsible until the pool dispatches the case.
ALTER TABLE open311_service ADD COLUMN unit_id bigint;
ALTER TABLE open311_service ADD CONSTRAINT open311_service_name_length CHECK (length(name) BETWEEN 1 AND 60);
