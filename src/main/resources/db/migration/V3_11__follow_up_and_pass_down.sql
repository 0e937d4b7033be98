-- 回访: the verdict staff wrote down on a follow-up call; it applies only if the raiser does not rate in time, and the
-- figures mark a verdict that came from it.
ALTER TABLE cases ADD COLUMN follow_up_verdict text;
ALTER TABLE cases ADD COLUMN feedback_by_staff boolean NOT NULL DEFAULT false;

-- 下交: the unit below the responsible one that handles the case, and its deadline (inside the unit's own).
ALTER TABLE cases ADD COLUMN handling_unit_id bigint REFERENCES unit (id);
ALTER TABLE cases ADD COLUMN handling_deadline date;
CREATE INDEX cases_handling_unit ON cases (handling_unit_id, state) WHERE handling_unit_id IS NOT NULL;
