-- Decision 0062 (issue 14): an evaluation's receipt code is a keyed permutation of its row's id (NIST SP 800-38G FF1,
-- 11 characters of the tracking alphabet), made by the application from the id the batch returns, and not stored.
-- The random 10-character codes needed a unique index whose every new entry went to a random leaf of a large tree:
-- per resident's form 6.1 kB of WAL, most of it whole pages written again after each checkpoint (bench/
-- intake-explain.sh, session 9), a third of the evaluation row's cost. A receipt is now looked up by the id its code
-- decodes to, through the primary key.
--
-- The key: 32 bytes from three random UUIDs (gen_random_uuid draws from the server's strong random source), made
-- once here and read by every node; it never leaves the database. It is not a setting with a default, since a known
-- key would let anyone turn row numbers into codes. Losing it makes every new receipt code unreadable: it is in every
-- backup of the database.
CREATE TABLE evaluation_receipt_key (
    id     smallint PRIMARY KEY CHECK (id = 1),
    secret bytea    NOT NULL CHECK (length(secret) = 32)
);
INSERT INTO evaluation_receipt_key (id, secret)
SELECT 1, sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'));

-- The rows stored before keep their random codes and are found by them; new rows store none, so the index holds the
-- old codes only and a new row adds nothing to it. A node still running the previous version during an upgrade
-- stores random codes as before, and they stay findable.
ALTER TABLE evaluation ALTER COLUMN tracking_code DROP NOT NULL;
CREATE UNIQUE INDEX evaluation_random_tracking_code ON evaluation (tracking_code, city_id) WHERE tracking_code IS NOT NULL;
ALTER TABLE evaluation DROP CONSTRAINT evaluation_tracking_code_key;
