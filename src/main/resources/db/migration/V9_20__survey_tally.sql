-- Issue 12: a campaign's results per unit and county read a few tally rows instead of counting every invitation and
-- answer on each view (596 ms at 30,000 responses, growing with them). The tallies are kept by triggers in the same
-- transaction as the change, whatever writes it (an import, an answer by link, a telephone interview, an exclusion,
-- a bulk load), so a tally and a recount over the raw rows cannot disagree (decision 0035).
-- Each key is spread over 16 slots, chosen by the writing connection, so that residents answering at the same time
-- about the same unit do not queue behind one row's lock; a read sums the slots (a single slot may go negative).

-- The one rule for "satisfied" / "positive": a 4 or 5 on a 1–5 scale, or one of the first two options (满意 /
-- 基本满意) of a single choice. Used by the triggers and by every query that scores answers.
CREATE FUNCTION survey_positive(kind text, options text[], choice text[], scale integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN kind = 'SCALE' THEN scale >= 4 ELSE coalesce(array_position(options, choice[1]), 99) <= 2 END
$$;

-- Whether the invitation's answers to its satisfaction question(s) are all positive; null while it has none.
ALTER TABLE survey_invitation ADD COLUMN satisfied boolean;

-- Per campaign, unit (0: none) and jurisdiction: the invitations by status and the satisfaction answered / satisfied.
CREATE TABLE survey_tally (
    campaign_id           bigint   NOT NULL,
    unit_id               bigint   NOT NULL,
    jurisdiction_path     text     NOT NULL,
    slot                  smallint NOT NULL,
    invited               bigint   NOT NULL DEFAULT 0,
    excluded              bigint   NOT NULL DEFAULT 0,
    responded             bigint   NOT NULL DEFAULT 0,
    refused               bigint   NOT NULL DEFAULT 0,
    unreachable           bigint   NOT NULL DEFAULT 0,
    satisfaction_answered bigint   NOT NULL DEFAULT 0,
    satisfied             bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, unit_id, jurisdiction_path, slot)
);

-- Per campaign, unit, jurisdiction and perception indicator: the answers and the positive ones.
CREATE TABLE survey_indicator_tally (
    campaign_id       bigint   NOT NULL,
    unit_id           bigint   NOT NULL,
    jurisdiction_path text     NOT NULL,
    indicator         text     NOT NULL,
    slot              smallint NOT NULL,
    answers           bigint   NOT NULL DEFAULT 0,
    positive          bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, unit_id, jurisdiction_path, indicator, slot)
);

-- What is there already.
UPDATE survey_invitation i SET satisfied = s.ok
FROM (SELECT a.invitation_id, bool_and(survey_positive(q.kind, q.options, a.choice, a.scale)) AS ok
      FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
      WHERE q.indicator = 'SATISFACTION' GROUP BY a.invitation_id) s
WHERE s.invitation_id = i.id;

INSERT INTO survey_tally (campaign_id, unit_id, jurisdiction_path, slot, invited, excluded, responded, refused,
                          unreachable, satisfaction_answered, satisfied)
SELECT campaign_id, coalesce(unit_id, 0), jurisdiction_path, 0, count(*), count(*) FILTER (WHERE status = 'EXCLUDED'),
       count(*) FILTER (WHERE status = 'RESPONDED'), count(*) FILTER (WHERE status = 'REFUSED'),
       count(*) FILTER (WHERE status = 'UNREACHABLE'), count(satisfied), count(*) FILTER (WHERE satisfied)
FROM survey_invitation GROUP BY 1, 2, 3;

INSERT INTO survey_indicator_tally (campaign_id, unit_id, jurisdiction_path, indicator, slot, answers, positive)
SELECT i.campaign_id, coalesce(i.unit_id, 0), i.jurisdiction_path, q.indicator, 0, count(*),
       count(*) FILTER (WHERE survey_positive(q.kind, q.options, a.choice, a.scale))
FROM survey_answer a JOIN survey_question q ON q.id = a.question_id JOIN survey_invitation i ON i.id = a.invitation_id
WHERE q.indicator <> 'SATISFACTION' GROUP BY 1, 2, 3, 4;

-- One invitation counted (sign 1) or taken off (sign -1).
CREATE FUNCTION survey_tally_add(r survey_invitation, sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO survey_tally AS t (campaign_id, unit_id, jurisdiction_path, slot, invited, excluded, responded, refused,
                                   unreachable, satisfaction_answered, satisfied)
    VALUES (r.campaign_id, coalesce(r.unit_id, 0), r.jurisdiction_path, (pg_backend_pid() % 16)::smallint, sign,
            CASE WHEN r.status = 'EXCLUDED' THEN sign ELSE 0 END, CASE WHEN r.status = 'RESPONDED' THEN sign ELSE 0 END,
            CASE WHEN r.status = 'REFUSED' THEN sign ELSE 0 END, CASE WHEN r.status = 'UNREACHABLE' THEN sign ELSE 0 END,
            CASE WHEN r.satisfied IS NOT NULL THEN sign ELSE 0 END, CASE WHEN r.satisfied THEN sign ELSE 0 END)
    ON CONFLICT (campaign_id, unit_id, jurisdiction_path, slot) DO UPDATE SET
        invited = t.invited + EXCLUDED.invited, excluded = t.excluded + EXCLUDED.excluded,
        responded = t.responded + EXCLUDED.responded, refused = t.refused + EXCLUDED.refused,
        unreachable = t.unreachable + EXCLUDED.unreachable,
        satisfaction_answered = t.satisfaction_answered + EXCLUDED.satisfaction_answered,
        satisfied = t.satisfied + EXCLUDED.satisfied
$$;

-- The perception answers of one invitation counted under its key (sign 1) or taken off it (sign -1): one answer, or
-- only_question null: all its answers (the invitation moved to another unit or jurisdiction).
CREATE FUNCTION survey_indicator_add(r survey_invitation, only_question bigint, choice text[], scale integer,
                                     sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO survey_indicator_tally AS t (campaign_id, unit_id, jurisdiction_path, indicator, slot, answers, positive)
    SELECT r.campaign_id, coalesce(r.unit_id, 0), r.jurisdiction_path, q.indicator, (pg_backend_pid() % 16)::smallint,
           sign * count(*), sign * count(*) FILTER (WHERE survey_positive(q.kind, q.options, x.choice, x.scale))
    FROM (SELECT only_question AS question_id, choice, scale WHERE only_question IS NOT NULL
          UNION ALL
          SELECT a.question_id, a.choice, a.scale FROM survey_answer a WHERE only_question IS NULL AND a.invitation_id = r.id) x
    JOIN survey_question q ON q.id = x.question_id
    WHERE q.indicator IS NOT NULL AND q.indicator <> 'SATISFACTION'
    GROUP BY q.indicator ORDER BY q.indicator
    ON CONFLICT (campaign_id, unit_id, jurisdiction_path, indicator, slot) DO UPDATE SET
        answers = t.answers + EXCLUDED.answers, positive = t.positive + EXCLUDED.positive
$$;

-- Inserts come in sets (an import, a sample of raisers): counted once per statement, keys in one order so that two
-- imports at once cannot deadlock.
CREATE FUNCTION survey_invitation_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO survey_tally AS t (campaign_id, unit_id, jurisdiction_path, slot, invited, excluded, responded, refused,
                                   unreachable, satisfaction_answered, satisfied)
    SELECT campaign_id, coalesce(unit_id, 0), jurisdiction_path, (pg_backend_pid() % 16)::smallint, count(*),
           count(*) FILTER (WHERE status = 'EXCLUDED'), count(*) FILTER (WHERE status = 'RESPONDED'),
           count(*) FILTER (WHERE status = 'REFUSED'), count(*) FILTER (WHERE status = 'UNREACHABLE'),
           count(satisfied), count(*) FILTER (WHERE satisfied)
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (campaign_id, unit_id, jurisdiction_path, slot) DO UPDATE SET
        invited = t.invited + EXCLUDED.invited, excluded = t.excluded + EXCLUDED.excluded,
        responded = t.responded + EXCLUDED.responded, refused = t.refused + EXCLUDED.refused,
        unreachable = t.unreachable + EXCLUDED.unreachable,
        satisfaction_answered = t.satisfaction_answered + EXCLUDED.satisfaction_answered,
        satisfied = t.satisfied + EXCLUDED.satisfied;
    RETURN NULL;
END $$;

CREATE FUNCTION survey_invitation_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO survey_tally AS t (campaign_id, unit_id, jurisdiction_path, slot, invited, excluded, responded, refused,
                                   unreachable, satisfaction_answered, satisfied)
    SELECT campaign_id, coalesce(unit_id, 0), jurisdiction_path, (pg_backend_pid() % 16)::smallint, -count(*),
           -count(*) FILTER (WHERE status = 'EXCLUDED'), -count(*) FILTER (WHERE status = 'RESPONDED'),
           -count(*) FILTER (WHERE status = 'REFUSED'), -count(*) FILTER (WHERE status = 'UNREACHABLE'),
           -count(satisfied), -count(*) FILTER (WHERE satisfied)
    FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (campaign_id, unit_id, jurisdiction_path, slot) DO UPDATE SET
        invited = t.invited + EXCLUDED.invited, excluded = t.excluded + EXCLUDED.excluded,
        responded = t.responded + EXCLUDED.responded, refused = t.refused + EXCLUDED.refused,
        unreachable = t.unreachable + EXCLUDED.unreachable,
        satisfaction_answered = t.satisfaction_answered + EXCLUDED.satisfaction_answered,
        satisfied = t.satisfied + EXCLUDED.satisfied;
    RETURN NULL;
END $$;

-- Updates come one invitation at a time (an answer, a call, an exclusion): the old row taken off, the new one counted.
CREATE FUNCTION survey_invitation_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM survey_tally_add(OLD, -1);
    PERFORM survey_tally_add(NEW, 1);
    IF (OLD.campaign_id, OLD.unit_id, OLD.jurisdiction_path) IS DISTINCT FROM (NEW.campaign_id, NEW.unit_id, NEW.jurisdiction_path) THEN
        PERFORM survey_indicator_add(OLD, NULL, NULL, NULL, -1);
        PERFORM survey_indicator_add(NEW, NULL, NULL, NULL, 1);
    END IF;
    RETURN NULL;
END $$;

-- An answer: a perception answer moves its indicator's tally; a satisfaction answer re-decides the invitation's
-- "satisfied" (all its satisfaction answers positive), whose change the invitation's trigger counts.
CREATE FUNCTION survey_answer_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    inv survey_invitation;
    satisfaction boolean := false;
    old_invitation bigint;
    new_invitation bigint;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        old_invitation := OLD.invitation_id;
        SELECT * INTO inv FROM survey_invitation WHERE id = OLD.invitation_id;
        PERFORM survey_indicator_add(inv, OLD.question_id, OLD.choice, OLD.scale, -1);
        satisfaction := EXISTS (SELECT 1 FROM survey_question WHERE id = OLD.question_id AND indicator = 'SATISFACTION');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        new_invitation := NEW.invitation_id;
        SELECT * INTO inv FROM survey_invitation WHERE id = NEW.invitation_id;
        PERFORM survey_indicator_add(inv, NEW.question_id, NEW.choice, NEW.scale, 1);
        satisfaction := satisfaction
            OR EXISTS (SELECT 1 FROM survey_question WHERE id = NEW.question_id AND indicator = 'SATISFACTION');
    END IF;
    IF satisfaction THEN
        UPDATE survey_invitation i SET satisfied = s.ok
        FROM (SELECT changed.id, (SELECT bool_and(survey_positive(q.kind, q.options, a.choice, a.scale))
                                  FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
                                  WHERE a.invitation_id = changed.id AND q.indicator = 'SATISFACTION') AS ok
              FROM (SELECT DISTINCT x AS id FROM unnest(ARRAY[old_invitation, new_invitation]) x WHERE x IS NOT NULL) changed) s
        WHERE i.id = s.id AND i.satisfied IS DISTINCT FROM s.ok;
    END IF;
    RETURN NULL;
END $$;

-- A question already answered keeps how it is scored: the tallies counted its answers by that rule.
CREATE FUNCTION survey_question_scoring_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.kind, OLD.options, OLD.indicator, OLD.campaign_id) IS DISTINCT FROM (NEW.kind, NEW.options, NEW.indicator, NEW.campaign_id)
       AND EXISTS (SELECT 1 FROM survey_answer WHERE question_id = OLD.id) THEN
        RAISE EXCEPTION 'survey question % has answers: its kind, options and indicator are kept', OLD.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER survey_invitation_tally_insert AFTER INSERT ON survey_invitation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_invitation_tally_insert();
CREATE TRIGGER survey_invitation_tally_delete AFTER DELETE ON survey_invitation
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_invitation_tally_delete();
-- sending the SMS (token, time) changes nothing counted: the trigger does not even run for it
CREATE TRIGGER survey_invitation_tally_update AFTER UPDATE ON survey_invitation FOR EACH ROW
    WHEN ((OLD.status, OLD.satisfied, OLD.campaign_id, OLD.unit_id, OLD.jurisdiction_path)
          IS DISTINCT FROM (NEW.status, NEW.satisfied, NEW.campaign_id, NEW.unit_id, NEW.jurisdiction_path))
    EXECUTE FUNCTION survey_invitation_tally_update();
CREATE TRIGGER survey_answer_tally AFTER INSERT OR UPDATE OR DELETE ON survey_answer
    FOR EACH ROW EXECUTE FUNCTION survey_answer_tally();
CREATE TRIGGER survey_question_scoring_kept BEFORE UPDATE ON survey_question
    FOR EACH ROW EXECUTE FUNCTION survey_question_scoring_kept();
