-- Supervision's side of 协办 (kept in casework's version range because it ships with the co-handling move, and so in
-- tables of its own: supervision's unit_month comes later in version order). An assisting unit's part counts for its
-- timeliness once: filed on or before its deadline (on_time), or found past it unfiled by the ladder or filed late
-- (overdue) — the two exclude each other, so its on-time rate = on time ÷ (on time + overdue).
CREATE TABLE unit_assist_month (
    unit_id   bigint  NOT NULL,
    month     date    NOT NULL,
    reported  integer NOT NULL DEFAULT 0,
    on_time   integer NOT NULL DEFAULT 0,
    overdue   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, month)
);

-- the parts as supervision knows them from casework's events: the latest part of each unit on each case (its
-- counters were bumped as it went, so a unit named again simply starts a new part in the same row)
CREATE TABLE supervised_assist (
    case_id        bigint  NOT NULL,
    unit_id        bigint  NOT NULL,
    deadline       date    NOT NULL,
    -- OPEN, REPORTED, CLOSED (the case went on without it)
    state          text    NOT NULL,
    overdue_since  date,
    PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX supervised_assist_open ON supervised_assist (deadline) WHERE state = 'OPEN';
