-- The latest public note of a case (CaseDigests: Open311 GET requests, the tracking code's reads) found by the case
-- (issue 11). Without it PostgreSQL answers "the newest public step of case c" from case_step_public_at (V7_1, the
-- public steps by time, for FixMyStreet's polling): that partial index is small, so the planner walks ALL public
-- steps for every case of the answer, filtering on case_id — 1,000 cases × 5,187 public steps = 3.9 M buffer visits
-- for one GET requests.json on the loaded city, and growing with every request posted through Open311.
CREATE INDEX case_step_public_by_case ON case_step (case_id, id) WHERE public_note IS NOT NULL;
