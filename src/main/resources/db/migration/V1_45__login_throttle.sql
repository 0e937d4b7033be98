-- Failed sign-ins per address, per account name and per (account name, address), whether the account exists or not:
-- each failure beyond a free allowance pushes next_allowed further out (growing delays instead of a hard lock).
-- In the database so that every node of a cluster applies the same delays.
CREATE TABLE login_throttle (
    key           text        PRIMARY KEY,
    failures      integer     NOT NULL,
    last_failure  timestamptz NOT NULL,
    next_allowed  timestamptz NOT NULL
);
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure);

-- The fixed 15-minute lock is gone; lift any still in force.
UPDATE staff_account SET locked_until = NULL WHERE locked_until IS NOT NULL;
