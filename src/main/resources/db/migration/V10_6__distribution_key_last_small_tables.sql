-- Decision 0044 (after 0037): the last small distributed tables get the city key, so that no distributed table is
-- pending any more — the unit months (unit_month, unit_assist_month, unit_open_overdue: the city of the unit),
-- supervision's list items (the city of the issuing jurisdiction; the strike-off event now carries it, so an item
-- struck off before its issue arrived is no longer kept without one) and the survey tallies (the city of the path).
-- The writers name the widened keys in their ON CONFLICT; a BEFORE INSERT filler sets the city where they do not
-- pass it (the unit and jurisdiction kinds read the organisation, a reference table; the path kind reads nothing).
-- Six tables with a plain primary key, no unique index and no foreign key pointing at them: written out here
-- rather than through V10_1/V10_3's generic tools (which lived in those migrations' sessions only).

-- A strike-off that arrived before the item's issue was kept with jurisdiction 0: the item's own issuing
-- jurisdiction says where it belongs (read once here; from now on the event carries it). A placeholder for an item
-- the lists do not know has nothing to keep from being chased and no city: it goes.
UPDATE supervised_list_item s SET jurisdiction_id = l.issuing_jurisdiction_id
FROM list_item l WHERE l.id = s.item_id AND s.jurisdiction_id = 0;
DELETE FROM supervised_list_item s
WHERE s.jurisdiction_id = 0 AND NOT EXISTS (SELECT 1 FROM list_item l WHERE l.id = s.item_id);

-- Each table: the column, filled from where its rows sit (the unit's, the issuing jurisdiction's or the path's
-- city); the primary key widened under its own name; the filler for writers that do not pass the city.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('unit_month', 'unit_id', 'unit_id, month'),
        ('unit_assist_month', 'unit_id', 'unit_id, month'),
        ('unit_open_overdue', 'unit_id', 'unit_id'),
        ('supervised_list_item', 'jurisdiction_id', 'item_id'),
        ('survey_tally', 'jurisdiction_path', 'campaign_id, unit_id, jurisdiction_path, slot'),
        ('survey_indicator_tally', 'jurisdiction_path', 'campaign_id, unit_id, jurisdiction_path, indicator, slot'))
        AS v(name, placed_by, pkey)
    LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN city_id bigint', t.name);
        EXECUTE format('UPDATE %I AS x SET city_id = %s', t.name, CASE t.placed_by
            WHEN 'unit_id' THEN '(SELECT city_of_path(j.path) FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id'
                                || ' WHERE u.id = x.unit_id)'
            WHEN 'jurisdiction_id' THEN '(SELECT city_of_path(j.path) FROM jurisdiction j WHERE j.id = x.jurisdiction_id)'
            ELSE 'city_of_path(x.jurisdiction_path)' END);
        EXECUTE format('ALTER TABLE %1$I ALTER COLUMN city_id SET NOT NULL, DROP CONSTRAINT %2$I,'
                       ' ADD CONSTRAINT %2$I PRIMARY KEY (%3$s, city_id)', t.name, t.name || '_pkey', t.pkey);
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW WHEN (NEW.city_id IS NULL)'
                       ' EXECUTE FUNCTION %s(%L)', t.name || '_city_id', t.name, CASE t.placed_by
            WHEN 'unit_id' THEN 'city_id_from_unit' WHEN 'jurisdiction_id' THEN 'city_id_from_jurisdiction'
            ELSE 'city_id_from_path' END, t.placed_by);
    END LOOP;
END $$;

-- The tallies are kept by survey's triggers (V9_20): their ON CONFLICT targets name the widened keys now. The city
-- is a function of the path, which is in the key already, so the tallies count exactly as before.
DO $$
DECLARE
    f oid;
BEGIN
    FOR f IN SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.prosrc LIKE '%ON CONFLICT (campaign_id, unit_id, jurisdiction_path,%'
    LOOP
        EXECUTE regexp_replace(pg_get_functiondef(f),
            'ON CONFLICT \((campaign_id, unit_id, jurisdiction_path, [a-z_, ]*slot)\)', 'ON CONFLICT (\1, city_id)', 'g');
    END LOOP;
END $$;
