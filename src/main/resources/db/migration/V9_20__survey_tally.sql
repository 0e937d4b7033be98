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

-- The plpgsql functions below keep their plans for the session (a SQL-language function would plan each call).

-- The perception answers of one invitation counted under its key (delta 1) or taken off it (delta -1), when the
-- invitation moves to another campaign, unit or jurisdiction.
CREATE FUNCTION survey_indicator_move(r survey_invitation, delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO survey_indicator_tally AS t (campaign_id, unit_id, jurisdiction_path, indicator, slot, answers, positive)
    SELECT r.campaign_id, coalesce(r.unit_id, 0), r.jurisdiction_path, y.indicator, (pg_backend_pid() % 16)::smallint,
           delta * count(*), delta * count(*) FILTER (WHERE survey_positive(y.kind, y.options, x.choice, x.scale))
    FROM survey_answer x JOIN survey_question y ON y.id = x.question_id
    WHERE x.invitation_id = r.id AND y.indicator <> 'SATISFACTION'
    GROUP BY y.indicator ORDER BY y.indicator
    ON CONFLICT (campaign_id, unit_id, jurisdiction_path, indicator, slot) DO UPDATE SET
        answers = t.answers + EXCLUDED.answers, positive = t.positive + EXCLUDED.positive;
END $$;

-- One side of an answer's change: counted (delta 1) or taken off (delta -1).
CREATE FUNCTION survey_answer_count(ans survey_answer, delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    q survey_question;
    inv survey_invitation;
    ok boolean;
BEGIN
    SELECT * INTO q FROM survey_question WHERE id = ans.question_id;
    IF q.indicator IS NULL THEN
        RETURN;
    ELSIF q.indicator = 'SATISFACTION' THEN
        -- re-decided from all the invitation's satisfaction answers as they now are; the invitation's trigger counts it
        SELECT bool_and(survey_positive(y.kind, y.options, x.choice, x.scale)) INTO ok
        FROM survey_answer x JOIN survey_question y ON y.id = x.question_id
        WHERE x.invitation_id = ans.invitation_id AND y.indicator = 'SATISFACTION';
        UPDATE survey_invitation SET satisfied = ok WHERE id = ans.invitation_id AND satisfied IS DISTINCT FROM ok;
    ELSE
        SELECT * INTO inv FROM survey_invitation WHERE id = ans.invitation_id;
        INSERT INTO survey_indicator_tally AS t (campaign_id, unit_id, jurisdiction_path, indicator, slot, answers, positive)
        VALUES (inv.campaign_id, coalesce(inv.unit_id, 0), inv.jurisdiction_path, q.indicator,
                (pg_backend_pid() % 16)::smallint, delta,
                CASE WHEN survey_positive(q.kind, q.options, ans.choice, ans.scale) THEN delta ELSE 0 END)
        ON CONFLICT (campaign_id, unit_id, jurisdiction_path, indicator, slot) DO UPDATE SET
            answers = t.answers + EXCLUDED.answers, positive = t.positive + EXCLUDED.positive;
    END IF;
END $$;

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

-- Updates come one invitation at a time (an answer, a call, an exclusion): what the old row counted is taken off
-- and what the new one counts is added, in one upsert when the key stays.
CREATE FUNCTION survey_invitation_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved boolean := (OLD.campaign_id, OLD.unit_id, OLD.jurisdiction_path)
                     IS DISTINCT FROM (NEW.campaign_id, NEW.unit_id, NEW.jurisdiction_path);
BEGIN
    INSERT INTO survey_tally AS t (campaign_id, unit_id, jurisdiction_path, slot, invited, excluded, responded, refused,
                                   unreachable, satisfaction_answered, satisfied)
    SELECT (x.r).campaign_id, coalesce((x.r).unit_id, 0), (x.r).jurisdiction_path, (pg_backend_pid() % 16)::smallint,
           sum(x.d), sum(x.d * ((x.r).status = 'EXCLUDED')::int), sum(x.d * ((x.r).status = 'RESPONDED')::int),
           sum(x.d * ((x.r).status = 'REFUSED')::int), sum(x.d * ((x.r).status = 'UNREACHABLE')::int),
           sum(x.d * ((x.r).satisfied IS NOT NULL)::int), sum(x.d * coalesce((x.r).satisfied, false)::int)
    FROM (SELECT OLD AS r, -1 AS d UNION ALL SELECT NEW, 1) x
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (campaign_id, unit_id, jurisdiction_path, slot) DO UPDATE SET
        invited = t.invited + EXCLUDED.invited, excluded = t.excluded + EXCLUDED.excluded,
        responded = t.responded + EXCLUDED.responded, refused = t.refused + EXCLUDED.refused,
        unreachable = t.unreachable + EXCLUDED.unreachable,
        satisfaction_answered = t.satisfaction_answered + EXCLUDED.satisfaction_answered,
        satisfied = t.satisfied + EXCLUDED.satisfied;
    IF moved THEN
        PERFORM survey_indicator_move(OLD, -1);
        PERFORM survey_indicator_move(NEW, 1);
    END IF;
    RETURN NULL;
END $$;

-- An answer: a perception answer moves its indicator's tally; a satisfaction answer re-decides the invitation's
-- "satisfied" (all its satisfaction answers positive), whose change the invitation's trigger counts.
CREATE FUNCTION survey_answer_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM survey_answer_count(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM survey_answer_count(NEW, 1);
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
