-- Decision 0037, continued: the small distributed tables that are cheap to key now (lists and leader-led work,
-- typical cases, daily reports, letter numbers, discipline transfers, external ranks, the duty rota, the archived
-- staff figures). Same tools as V10_1 (they lived in that migration's session only). Still pending: the unit months
-- (unit_month, unit_assist_month, unit_open_overdue), whose writers and bulk loader are many, and supervision's list
-- items (a strike-off that arrives before the item's issue is kept with no jurisdiction, so no city).

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
-- foreign key that points at one of them (the referencing table must carry city_id by then). Names are kept, so
-- `ON CONFLICT ON CONSTRAINT <name>` keeps working.
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

SELECT pg_temp.carry('key_project', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('key_project_measure', 'parent', 'project_id', 'key_project');
SELECT pg_temp.carry('leader_visit', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('leader_finding', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('list_item', 'path', 'issuing_path');
SELECT pg_temp.carry('list_milestone', 'parent', 'item_id', 'list_item');
SELECT pg_temp.carry('list_progress', 'parent', 'item_id', 'list_item');
SELECT pg_temp.carry('typical_case', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('daily_report', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('letter_sequence', 'unit', 'centre_unit_id');
SELECT pg_temp.carry('discipline_transfer', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('survey_external_rank', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('duty_rota', 'unit', 'centre_unit_id');
SELECT pg_temp.carry('staff_figure_archive', 'path', 'jurisdiction_path');

SELECT pg_temp.widen(ARRAY[
    'key_project', 'key_project_measure', 'leader_visit', 'leader_finding', 'list_item', 'list_milestone',
    'list_progress', 'typical_case', 'daily_report', 'letter_sequence', 'discipline_transfer',
    'survey_external_rank', 'duty_rota', 'staff_figure_archive']);
