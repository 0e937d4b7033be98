-- The whistle-blower rule's register (decision 0010): which records are about which officer. A module that writes a
-- record about an officer (a case, an alert, a letter, a message) registers it here in the same transaction, and
-- every read of such records hides the registered ones from the accounts linked to that officer (SubjectShield).
-- record_type uses the audit trail's record types, so audit rows about a record are hidden the same way.
CREATE TABLE shielded_record (
    record_type text   NOT NULL,
    record_id   bigint NOT NULL,
    officer_id  bigint NOT NULL,
    PRIMARY KEY (officer_id, record_type, record_id)
);
CREATE INDEX shielded_record_record ON shielded_record (record_type, record_id);
