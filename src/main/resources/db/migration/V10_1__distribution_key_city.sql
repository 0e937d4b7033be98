-- Decision 0037 (issue 15): every table that grows with residents, cases or evaluations carries its city, the
-- distribution key of a Citus cluster (decision 0029). The city of a row is the top jurisdiction of its place: the
-- first segment of a jurisdiction path '/city/county/township/village/'. Each such table gets
--   * city_id NOT NULL, filled from the row's path, its parent row, its unit or its jurisdiction;
--   * city_id in its primary key and in every unique constraint and unique index — appended, not prepended, so that
--     every look-up by id, code or key alone still finds its index (Citus only asks that the key be included);
--   * foreign keys between these tables widened to (…, city_id) on both sides;
--   * on insert: the hot paths (case intake and the loop's ledger, the evaluation writer) pass the city themselves,
--     everything else is filled by a BEFORE INSERT trigger from the same source as the backfill, only when the
--     writer left it empty. Citus does not run such triggers on distributed tables: decision 0037 lists what the
--     writers must pass instead.
-- Rows are never moved between cities (a case keeps its jurisdiction), so the key never changes after the insert.

CREATE FUNCTION city_of_path(path text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(split_part(path, '/', 2), '')::bigint;

-- The insert-time fillers. Each runs only WHEN (NEW.city_id IS NULL), i.e. when the writer did not pass the city.
-- TG_ARGV[0]: the column of the new row holding a jurisdiction path.
CREATE FUNCTION city_id_from_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SELECT city_of_path(($1).%I)', TG_ARGV[0]) INTO NEW.city_id USING NEW;
    RETURN NEW;
END $$;

-- TG_ARGV: the parent table, the column of the new row holding the parent's id, the parent's id column.
CREATE FUNCTION city_id_from_parent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SELECT p.city_id FROM %I p WHERE p.%I = ($1).%I', TG_ARGV[0], TG_ARGV[2], TG_ARGV[1])
        INTO NEW.city_id USING NEW;
    RETURN NEW;
END $$;

-- TG_ARGV[0]: the column of the new row holding a unit's id.
CREATE FUNCTION city_id_from_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SELECT city_of_path(j.path) FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id'
                   ' WHERE u.id = ($1).%I', TG_ARGV[0]) INTO NEW.city_id USING NEW;
    RETURN NEW;
END $$;

-- TG_ARGV[0]: the column of the new row holding an officer's id (the city of the officer's unit).
CREATE FUNCTION city_id_from_officer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SELECT city_of_path(j.path) FROM officer o JOIN unit u ON u.id = o.unit_id'
                   ' JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE o.id = ($1).%I', TG_ARGV[0])
        INTO NEW.city_id USING NEW;
    RETURN NEW;
END $$;

-- TG_ARGV[0]: the column of the new row holding a jurisdiction's id.
CREATE FUNCTION city_id_from_jurisdiction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SELECT city_of_path(j.path) FROM jurisdiction j WHERE j.id = ($1).%I', TG_ARGV[0])
        INTO NEW.city_id USING NEW;
    RETURN NEW;
END $$;

-- Migration tools, gone with this session.
-- carry(table, source, column, parent table, parent key, the writer passes it): adds and fills city_id.
CREATE FUNCTION pg_temp.carry(t text, source text, col text, parent text DEFAULT NULL, parent_key text DEFAULT 'id',
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
CREATE FUNCTION pg_temp.widen(tables text[]) RETURNS void LANGUAGE plpgsql AS $$
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

-- The pool and the loop. Case intake and the loop's ledger pass the city (the case's path is at hand).
SELECT pg_temp.carry('cases', 'path', 'jurisdiction_path', passed_by_writer => true);
SELECT pg_temp.carry('case_step', 'parent', 'case_id', 'cases', passed_by_writer => true);
SELECT pg_temp.carry('case_attachment', 'parent', 'case_id', 'cases', passed_by_writer => true);
SELECT pg_temp.carry('case_assist', 'parent', 'case_id', 'cases', passed_by_writer => true);
-- the case's city is its path's: a writer passing another one is a bug
ALTER TABLE cases ADD CONSTRAINT cases_city_of_path CHECK (city_id = city_of_path(jurisdiction_path));

-- The whistle-blower rule's register: in the city of the officer a record is about, which is where every account
-- that must not see it reads (an officer's accounts see their own city at most).
SELECT pg_temp.carry('shielded_record', 'officer', 'officer_id');

-- Projections of the loop (reporting, supervision).
SELECT pg_temp.carry('report_case', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('supervised_case', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('supervised_assist', 'parent', 'case_id', 'cases');
SELECT pg_temp.carry('raised_about', 'parent', 'case_id', 'cases');
SELECT pg_temp.carry('case_rollup_daily', 'jurisdiction', 'jurisdiction_id');
SELECT pg_temp.carry('case_rollup_monthly', 'jurisdiction', 'jurisdiction_id');

-- Evaluation, the hot path: the writer passes the city it knows from the (cached) target; V10_2 teaches the batch
-- function and the monthly trigger.
SELECT pg_temp.carry('evaluation', 'unit', 'unit_id', passed_by_writer => true);
SELECT pg_temp.carry('evaluation_clue', 'parent', 'evaluation_id', 'evaluation', passed_by_writer => true);
SELECT pg_temp.carry('evaluation_photo', 'parent', 'evaluation_id', 'evaluation', passed_by_writer => true);
SELECT pg_temp.carry('evaluation_daily', 'unit', 'unit_id', passed_by_writer => true);
SELECT pg_temp.carry('evaluation_dimension_daily', 'unit', 'unit_id', passed_by_writer => true);
SELECT pg_temp.carry('evaluation_source_day', 'target', 'target_id', passed_by_writer => true);
SELECT pg_temp.carry('evaluation_unit_monthly', 'unit', 'unit_id', passed_by_writer => true);

-- Disputes and mediation.
SELECT pg_temp.carry('screening_round', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('dispute', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('dispute_party', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('dispute_risk', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('stabilisation_task', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('dispute_assignment', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('mediator_conflict', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('mediation_session', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('mediation_attachment', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('mediation_agreement', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('judicial_confirmation', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('dispute_reminder', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('follow_up', 'parent', 'dispute_id', 'dispute');
SELECT pg_temp.carry('legal_consultation', 'unit', 'centre_unit_id');

-- Grid governance.
SELECT pg_temp.carry('grid_building', 'path', 'path');
SELECT pg_temp.carry('grid_household', 'path', 'path');
SELECT pg_temp.carry('grid_event', 'path', 'path');
SELECT pg_temp.carry('grid_event_photo', 'parent', 'event_id', 'grid_event');
SELECT pg_temp.carry('grid_visit', 'path', 'path');

-- Integration: each request or order belongs to its case.
SELECT pg_temp.carry('open311_request', 'parent', 'case_id', 'cases');
SELECT pg_temp.carry('open311_client_update', 'parent', 'case_id', 'cases');
SELECT pg_temp.carry('hotline_order', 'parent', 'case_id', 'cases');
SELECT pg_temp.carry('hotline_forward', 'parent', 'case_id', 'cases');

-- Surveys.
SELECT pg_temp.carry('survey_campaign', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('survey_campaign_unit', 'parent', 'campaign_id', 'survey_campaign');
SELECT pg_temp.carry('survey_question', 'parent', 'campaign_id', 'survey_campaign');
SELECT pg_temp.carry('survey_candidate', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('survey_invitation', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('survey_call_attempt', 'parent', 'invitation_id', 'survey_invitation');
SELECT pg_temp.carry('survey_answer', 'parent', 'invitation_id', 'survey_invitation');

-- Supervision letters (a letter's cases, replies, talks and alerts are in the letter's city).
SELECT pg_temp.carry('supervision_letter', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('supervision_letter_case', 'parent', 'letter_id', 'supervision_letter');
SELECT pg_temp.carry('supervision_letter_list_item', 'parent', 'letter_id', 'supervision_letter');
SELECT pg_temp.carry('supervision_letter_reply', 'parent', 'letter_id', 'supervision_letter');
SELECT pg_temp.carry('supervision_reply_file', 'parent', 'reply_id', 'supervision_letter_reply');
SELECT pg_temp.carry('supervision_talk', 'path', 'jurisdiction_path');
SELECT pg_temp.carry('supervision_alert', 'path', 'jurisdiction_path');

-- Notifications: a staff member's message is in the city of the recipient's jurisdiction, a resident's text in the
-- city of the jurisdiction it names; messages that name none (machine endpoints, a survey's texts) are given their
-- city by the writer. Rows written before this, in an installation that served one city, are that city's.
CREATE FUNCTION city_id_of_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.city_id := coalesce(city_of_path(NEW.jurisdiction_path),
        (SELECT city_of_path(j.path) FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id
         WHERE s.id = NEW.staff_id));
    RETURN NEW;
END $$;
ALTER TABLE notification ADD COLUMN city_id bigint;
UPDATE notification n SET city_id = coalesce(city_of_path(n.jurisdiction_path),
    (SELECT city_of_path(j.path) FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id
     WHERE s.id = n.staff_id),
    (SELECT min(j.id) FROM jurisdiction j WHERE j.parent_id IS NULL));
ALTER TABLE notification ALTER COLUMN city_id SET NOT NULL;
CREATE TRIGGER notification_city_id BEFORE INSERT ON notification FOR EACH ROW WHEN (NEW.city_id IS NULL)
    EXECUTE FUNCTION city_id_of_notification();

SELECT pg_temp.widen(ARRAY[
    'cases', 'case_step', 'case_attachment', 'case_assist', 'shielded_record', 'notification',
    'report_case', 'supervised_case', 'supervised_assist', 'raised_about', 'case_rollup_daily', 'case_rollup_monthly',
    'evaluation', 'evaluation_clue', 'evaluation_photo', 'evaluation_daily', 'evaluation_dimension_daily',
    'evaluation_source_day', 'evaluation_unit_monthly',
    'screening_round', 'dispute', 'dispute_party', 'dispute_risk', 'stabilisation_task', 'dispute_assignment',
    'mediator_conflict', 'mediation_session', 'mediation_attachment', 'mediation_agreement', 'judicial_confirmation',
    'dispute_reminder', 'follow_up', 'legal_consultation',
    'grid_building', 'grid_household', 'grid_event', 'grid_event_photo', 'grid_visit',
    'open311_request', 'open311_client_update', 'hotline_order', 'hotline_forward',
    'survey_campaign', 'survey_campaign_unit', 'survey_question', 'survey_candidate', 'survey_invitation',
    'survey_call_attempt', 'survey_answer',
    'supervision_letter', 'supervision_letter_case', 'supervision_letter_list_item', 'supervision_letter_reply',
    'supervision_reply_file', 'supervision_talk', 'supervision_alert']);
