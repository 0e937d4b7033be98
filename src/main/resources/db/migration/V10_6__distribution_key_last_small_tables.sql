-- Decision 0044 (after 0037): the last small distributed tables get the city key, so that no distributed table is
-- pending any more — the unit months (unit_month, unit_assist_month, unit_open_overdue: the city of the unit),
-- supervision's list items (the city of the issuing jurisdiction; the strike-off event now carries it, so an item
-- struck off before its issue arrived is no longer kept without one) and the survey tallies (the city of the path).
-- The writers name the widened keys in their ON CONFLICT; a BEFORE INSERT filler sets the city where they do not
-- pass it (the unit and jurisdiction kinds read the organisation, a reference table; the path kind reads nothing).
-- Same tools as V10_1/V10_3 (they lived in those migrations' sessions only).

-- Migration tools, gone with this session (as in V10_1).
-- carry(table, source, column, parent table, parent key, the writer passes it): adds and fills city_id.
CREATE OR REPLACE FUNCTION pg_temp.carry(t text, source text, col text, parent text DEFAULT NULL, parent_key text DEFAULT 'id',
                              passed_by_writer boolean DEFAULT false) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    fill text;
    filler text;
BEGIN
    CASE source
        WHEN 'path' THEN
            fill := format('city_of_path(x.%I)', col);
            filler := format('city_id_from_path(%L)', col);
        WHEN 'parent' THEN
            fill := format('(SELECT p.city_id FROM %I p WHERE p.%I = x.%I)', parent, parent_key, col);
            filler := format('city_id_from_parent(%L, %L, %L)', parent, col, parent_key);
        WHEN 'unit' THEN
            fill := format('(SELECT city_of_path(j.path) FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id'
                           ' WHERE u.id = x.%I)', col);
            filler := format('city_id_from_unit(%L)', col);
        WHEN 'officer' THEN
            fill := format('(SELECT city_of_path(j.path) FROM officer o JOIN unit u ON u.id = o.unit_id'
                           ' JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE o.id = x.%I)', col);
            filler := format('city_id_from_officer(%L)', col);
        WHEN 'jurisdiction' THEN
            fill := format('(SELECT city_of_path(j.path) FROM jurisdiction j WHERE j.id = x.%I)', col);
            filler := format('city_id_from_jurisdiction(%L)', col);
        WHEN 'target' THEN
            fill := format('(SELECT city_of_path(j.path) FROM evaluation_target et JOIN unit u ON u.id = et.unit_id'
                           ' JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE et.id = x.%I)', col);
    END CASE;
    EXECUTE format('ALTER TABLE %I ADD COLUMN city_id bigint', t);
    -- user triggers off while filling: the running totals must not count the rows again, the audit trail's guard
    -- and the case index stamp have nothing to say about a column that did not exist
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', t);
    EXECUTE format('UPDATE %I AS x SET city_id = %s', t, fill);
    EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', t);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN city_id SET NOT NULL', t);
    IF NOT passed_by_writer THEN
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW WHEN (NEW.city_id IS NULL)'
                       ' EXECUTE FUNCTION %s', t || '_city_id', t, filler);
    END IF;
END $$;

-- widen(tables): city_id into every primary key, unique constraint and unique index of these tables, and into every
-- foreign key that points at one of them. Names are kept.
CREATE OR REPLACE FUNCTION pg_temp.widen(tables text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    r record;
    fks text[] := '{}';
    fk text;
BEGIN
    FOR r IN SELECT c.conname, c.conrelid::regclass AS tbl, pg_get_constraintdef(c.oid) AS def
             FROM pg_constraint c
             WHERE c.contype = 'f' AND c.confrelid::regclass::text = ANY (tables)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.tbl AND a.attname = 'city_id') THEN
            RAISE EXCEPTION '% refers to a table distributed by city but has no city_id (%)', r.tbl, r.def;
        END IF;
        fks := fks || format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.conname,
            regexp_replace(r.def, '^FOREIGN KEY \(([^)]*)\) REFERENCES ([^(]+)\(([^)]*)\)',
                           'FOREIGN KEY (\1, city_id) REFERENCES \2(\3, city_id)'));
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
    END LOOP;
    FOR r IN SELECT c.conname, c.conrelid::regclass AS tbl, pg_get_constraintdef(c.oid) AS def
             FROM pg_constraint c
             WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text = ANY (tables)
               AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid
                               AND a.attname = 'city_id' AND a.attnum = ANY (c.conkey))
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I %s', r.tbl, r.conname, r.conname,
                       regexp_replace(r.def, '\)$', ', city_id)'));
    END LOOP;
    FOR r IN SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE i.indisunique AND i.indrelid::regclass::text = ANY (tables)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
               AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indrelid
                               AND a.attname = 'city_id' AND a.attnum = ANY (i.indkey))
    LOOP
        EXECUTE format('DROP INDEX %I', r.name);
        EXECUTE regexp_replace(r.def, '(USING \w+ \([^)]*)\)', '\1, city_id)');
    END LOOP;
    FOREACH fk IN ARRAY fks LOOP
        EXECUTE fk;
    END LOOP;
END $$;

-- A strike-off that arrived before the item's issue was kept with jurisdiction 0: the item's own issuing
-- jurisdiction says where it belongs (read once here; from now on the event carries it). A placeholder for an item
-- the lists do not know has nothing to keep from being chased and no city: it goes.
UPDATE supervised_list_item s SET jurisdiction_id = l.issuing_jurisdiction_id
FROM list_item l WHERE l.id = s.item_id AND s.jurisdiction_id = 0;
DELETE FROM supervised_list_item s
WHERE s.jurisdiction_id = 0 AND NOT EXISTS (SELECT 1 FROM list_item l WHERE l.id = s.item_id);

SELECT pg_temp.carry('unit_month', 'unit', 'unit_id');
SELECT pg_temp.carry('unit_assist_month', 'unit', 'unit_id');
SELECT pg_temp.carry('unit_open_overdue', 'unit', 'unit_id');
SELECT pg_temp.carry('supervised_list_item', 'jurisdiction', 'jurisdiction_id');
SELECT pg_temp.carry('survey_tally', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('survey_indicator_tally', 'path', 'jurisdiction_path');

SELECT pg_temp.widen(ARRAY[
    'unit_month', 'unit_assist_month', 'unit_open_overdue', 'supervised_list_item', 'survey_tally',
    'survey_indicator_tally']);

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
