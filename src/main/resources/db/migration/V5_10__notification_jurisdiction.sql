-- Deliveries are listed to the administrators whose jurisdiction covers them (issue 18): a staff message belongs to
-- the recipient's jurisdiction, a resident's SMS to the case's. NULL (older resident SMS): the city's only.
ALTER TABLE notification ADD COLUMN jurisdiction_path text;
UPDATE notification n SET jurisdiction_path = j.path
FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id
WHERE s.id = n.staff_id;
CREATE INDEX notification_deliveries ON notification (jurisdiction_path text_pattern_ops, created_at DESC)
    WHERE channel <> 'INBOX';
