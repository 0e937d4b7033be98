-- Screening rounds and prevented disputes are now computed from the dispute module's records; the hand-entered
-- figures for them leave the staff ledger (reporting's StaffMetric no longer knows them).
DELETE FROM staff_figure WHERE metric IN ('SCREENING_ROUNDS', 'DISPUTES_PREVENTED');

-- The figures read ranges of these by place and day.
CREATE INDEX dispute_outcome ON dispute (jurisdiction_path text_pattern_ops, outcome_at) INCLUDE (status, prevented)
    WHERE outcome_at IS NOT NULL;
CREATE INDEX dispute_accepted ON dispute (jurisdiction_path text_pattern_ops, accepted_on) INCLUDE (screening_round_id);
CREATE INDEX follow_up_done ON follow_up (done_on) INCLUDE (dispute_id, performance) WHERE done_on IS NOT NULL;
CREATE INDEX judicial_confirmation_ruled ON judicial_confirmation (ruled_on) INCLUDE (dispute_id, status);
CREATE INDEX legal_consultation_mediator ON legal_consultation (mediator_id, given_at);
