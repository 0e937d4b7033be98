-- Decision 0022: list items issued before supervision chased them are handed to its projection once (a fresh
-- database has none; from now on the lists' events keep it).
INSERT INTO supervised_list_item (item_id, kind, title, unit_id, jurisdiction_id, deadline, state)
SELECT id, kind, title, owner_unit_id, issuing_jurisdiction_id, deadline,
       CASE status WHEN 'OPEN' THEN 'OPEN' WHEN 'STRIKE_OFF_REQUESTED' THEN 'REPORTED' ELSE 'STRUCK_OFF' END
FROM list_item
ON CONFLICT (item_id) DO NOTHING;
