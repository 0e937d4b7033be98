-- High-frequency alerts also for one matter reported again and again without a named subject: the subject is the
-- matter (anchored on the oldest of the similar open cases).
ALTER TABLE raised_about DROP CONSTRAINT raised_about_subject_kind_check;
ALTER TABLE raised_about ADD CONSTRAINT raised_about_subject_kind_check
    CHECK (subject_kind IN ('UNIT', 'OFFICER', 'MATTER'));
