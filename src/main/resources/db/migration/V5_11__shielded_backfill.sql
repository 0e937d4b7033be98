-- Registers the records written before the whistle-blower register existed (decision 0010): cases naming an
-- officer, alerts about an officer, letters about an alert's officer or listing a case about an officer, and the
-- messages that reported those alerts and letters.
INSERT INTO shielded_record (record_type, record_id, officer_id)
SELECT 'case', id, subject_officer_id FROM cases WHERE subject_officer_id IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO shielded_record (record_type, record_id, officer_id)
SELECT 'supervision_alert', id, subject_id FROM supervision_alert WHERE subject_kind = 'OFFICER'
ON CONFLICT DO NOTHING;

INSERT INTO shielded_record (record_type, record_id, officer_id)
SELECT 'supervision_letter', a.letter_id, a.subject_id FROM supervision_alert a
WHERE a.subject_kind = 'OFFICER' AND a.letter_id IS NOT NULL
UNION
SELECT 'supervision_letter', lc.letter_id, c.subject_officer_id FROM supervision_letter_case lc
JOIN cases c ON c.id = lc.case_id WHERE c.subject_officer_id IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO shielded_record (record_type, record_id, officer_id)
SELECT 'notification', n.id, s.officer_id FROM notification n
JOIN shielded_record s ON s.record_type = CASE split_part(n.dedup_key, ':', 1)
        WHEN 'alert' THEN 'supervision_alert' WHEN 'letter' THEN 'supervision_letter'
        WHEN 'letter-nobody' THEN 'supervision_letter' END
    AND s.record_id::text = split_part(split_part(n.dedup_key, ':', 2), '#', 1)
WHERE n.dedup_key ~ '^(alert|letter|letter-nobody):[0-9]+#'
ON CONFLICT DO NOTHING;
