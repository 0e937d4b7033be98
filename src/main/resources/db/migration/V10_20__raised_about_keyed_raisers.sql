-- Issue 11 (decision 0046): the high-frequency alerts count a subject's distinct raisers first, over the cases that
-- have a raiser only, and count every case of the window only when those raisers reach the threshold. A matter
-- reported again and again without contacts (anonymous Open311 posts, a burst about one street lamp) no longer makes
-- every new case scan all of the matter's earlier ones under the matter's lock. Index-only where the pages allow.
CREATE INDEX raised_about_keyed ON raised_about (subject_kind, subject_id, received_at) INCLUDE (raiser_key)
    WHERE raiser_key IS NOT NULL;
