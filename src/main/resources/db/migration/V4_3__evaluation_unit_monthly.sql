-- Running totals per unit and month (the unit's own code and all its officers together), so that a city's or a
-- county's satisfaction over a year reads a few hundred rows instead of a million daily ones. Kept by a trigger on
-- evaluation_daily, whatever writes it (the group-commit writer, a bulk load), so the two can never disagree.
CREATE TABLE evaluation_unit_monthly (
    unit_id              bigint NOT NULL,
    month                date   NOT NULL CHECK (extract(day FROM month) = 1),
    evaluations          bigint NOT NULL DEFAULT 0,
    satisfied            bigint NOT NULL DEFAULT 0,
    basically_satisfied  bigint NOT NULL DEFAULT 0,
    dissatisfied         bigint NOT NULL DEFAULT 0,
    flagged              bigint NOT NULL DEFAULT 0,
    clues                bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, month)
);

INSERT INTO evaluation_unit_monthly (unit_id, month, evaluations, satisfied, basically_satisfied, dissatisfied, flagged, clues)
SELECT unit_id, date_trunc('month', day)::date, sum(evaluations), sum(satisfied), sum(basically_satisfied),
       sum(dissatisfied), sum(flagged), sum(clues)
FROM evaluation_daily
GROUP BY unit_id, date_trunc('month', day)::date;

CREATE FUNCTION evaluation_daily_into_month() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign int := CASE WHEN TG_OP = 'DELETE' THEN -1 ELSE 1 END;
    r evaluation_daily := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    e bigint := r.evaluations;
    s bigint := r.satisfied;
    b bigint := r.basically_satisfied;
    d bigint := r.dissatisfied;
    f bigint := r.flagged;
    c bigint := r.clues;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- only the change since the row was last written
        e := NEW.evaluations - OLD.evaluations;
        s := NEW.satisfied - OLD.satisfied;
        b := NEW.basically_satisfied - OLD.basically_satisfied;
        d := NEW.dissatisfied - OLD.dissatisfied;
        f := NEW.flagged - OLD.flagged;
        c := NEW.clues - OLD.clues;
        IF e = 0 AND s = 0 AND b = 0 AND d = 0 AND f = 0 AND c = 0 THEN
            RETURN NULL;
        END IF;
    END IF;
    INSERT INTO evaluation_unit_monthly AS m (unit_id, month, evaluations, satisfied, basically_satisfied,
                                              dissatisfied, flagged, clues)
    VALUES (r.unit_id, date_trunc('month', r.day)::date, sign * e, sign * s, sign * b, sign * d, sign * f, sign * c)
    ON CONFLICT (unit_id, month) DO UPDATE SET
        evaluations = m.evaluations + EXCLUDED.evaluations,
        satisfied = m.satisfied + EXCLUDED.satisfied,
        basically_satisfied = m.basically_satisfied + EXCLUDED.basically_satisfied,
        dissatisfied = m.dissatisfied + EXCLUDED.dissatisfied,
        flagged = m.flagged + EXCLUDED.flagged,
        clues = m.clues + EXCLUDED.clues;
    RETURN NULL;
END $$;

CREATE TRIGGER evaluation_daily_into_month AFTER INSERT OR UPDATE OR DELETE ON evaluation_daily
    FOR EACH ROW EXECUTE FUNCTION evaluation_daily_into_month();
