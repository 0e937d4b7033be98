-- 核查中 as a real interim report: a clue is "under verification" from the unit's interim report until its result;
-- the first interim report for a deadline may extend it once, by the extension rule of the case's type and category.
ALTER TABLE cases ADD COLUMN verifying_since timestamptz;
ALTER TABLE cases ADD COLUMN deadline_extended boolean NOT NULL DEFAULT false;

-- The ledger keeps what each report said (outcome, persons disciplined), so that every figure can be recomputed from
-- the ledger alone and compared with the projections (CaseFiguresProofTests).
ALTER TABLE case_step ADD COLUMN outcome text;
ALTER TABLE case_step ADD COLUMN persons_disciplined integer CHECK (persons_disciplined IS NULL OR persons_disciplined >= 0);

ALTER TABLE case_deadline_rule ADD COLUMN extension_working_days integer NOT NULL DEFAULT 10
    CHECK (extension_working_days BETWEEN 0 AND 60);
