-- 部分查实 is counted on its own (it was counted nowhere); 核查中 (under_verification) is now fed by the unit's interim
-- report and moves to the clue's verdict when the result comes.
ALTER TABLE case_rollup_daily ADD COLUMN partly_substantiated integer NOT NULL DEFAULT 0;
ALTER TABLE case_rollup_monthly ADD COLUMN partly_substantiated integer NOT NULL DEFAULT 0;
ALTER TABLE report_case ADD COLUMN decided_once boolean NOT NULL DEFAULT false;
ALTER TABLE unit_month ADD COLUMN clues_partly_substantiated integer NOT NULL DEFAULT 0;
-- the clue's verdict as scored against a unit (its first decision counts; a changed verdict moves the counters)
ALTER TABLE supervised_case ADD COLUMN scored_unit_id bigint;
ALTER TABLE supervised_case ADD COLUMN scored_month date;
