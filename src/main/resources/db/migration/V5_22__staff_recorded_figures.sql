-- verdicts staff wrote down on a follow-up call (回访), counted also apart, so every figure can say how many
ALTER TABLE case_rollup_daily ADD COLUMN satisfied_by_staff integer NOT NULL DEFAULT 0;
ALTER TABLE case_rollup_daily ADD COLUMN reopened_by_staff integer NOT NULL DEFAULT 0;
ALTER TABLE case_rollup_monthly ADD COLUMN satisfied_by_staff integer NOT NULL DEFAULT 0;
ALTER TABLE case_rollup_monthly ADD COLUMN reopened_by_staff integer NOT NULL DEFAULT 0;
ALTER TABLE unit_month ADD COLUMN satisfied_by_staff integer NOT NULL DEFAULT 0;
ALTER TABLE unit_month ADD COLUMN reopened_by_staff integer NOT NULL DEFAULT 0;
