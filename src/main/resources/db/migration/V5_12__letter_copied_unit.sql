-- A letter about the head of a unit also goes to the unit above (decision 0010): that unit's leadership reads it
-- and may sign for it, since the head named in it may not.
ALTER TABLE supervision_letter ADD COLUMN copied_unit_id bigint;
CREATE INDEX supervision_letter_copied ON supervision_letter (copied_unit_id, issued_at) WHERE copied_unit_id IS NOT NULL;
