-- Decision 0049 (issue 14): each evaluation writer adds to a month row of its own. Every batch of rating forms adds
-- to the month of nearly every unit it touches (a batch of 15 forms on a city's codes touches ~13 of its units), so
-- the two writers' batches met on the same evaluation_unit_monthly rows all the time and the second waited, at its
-- monthly upsert, for the first one's commit: the writers took turns instead of writing side by side. Now the month of
-- a unit is kept in one row per writer ("stripe", the writer's number, which the batch function takes as a parameter
-- and hands to the statement trigger through a transaction-local setting); the readers already add the rows up
-- (JdbcEvaluationFigures sums whatever rows a unit's months have). Whatever else writes evaluation_daily (a correction
-- by hand, a test, the bulk loader's rebuild) writes stripe 0, as one row per unit and month before.
-- The figures stay exact at the commit: nothing is rolled up later.

ALTER TABLE evaluation_unit_monthly ADD COLUMN stripe smallint NOT NULL DEFAULT 0;
ALTER TABLE evaluation_unit_monthly DROP CONSTRAINT evaluation_unit_monthly_pkey,
    ADD CONSTRAINT evaluation_unit_monthly_pkey PRIMARY KEY (unit_id, month, stripe, city_id);

-- V10_10's function with the stripe: the writer's (set by evaluation_intake_batch below) or 0.
CREATE OR REPLACE FUNCTION evaluation_daily_into_months() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_stripe smallint := coalesce(nullif(current_setting('minyi.evaluation_stripe', true), ''), '0')::smallint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO evaluation_unit_monthly AS m (unit_id, month, stripe, city_id, evaluations, satisfied,
                                                  basically_satisfied, dissatisfied, flagged, clues)
        SELECT n.unit_id, date_trunc('month', n.day)::date, v_stripe, n.city_id, sum(n.evaluations), sum(n.satisfied),
               sum(n.basically_satisfied), sum(n.dissatisfied), sum(n.flagged), sum(n.clues)
        FROM new_rows n GROUP BY 1, 2, 4 ORDER BY 1, 2, 4
        ON CONFLICT (unit_id, month, stripe, city_id) DO UPDATE SET
            evaluations = m.evaluations + EXCLUDED.evaluations, satisfied = m.satisfied + EXCLUDED.satisfied,
            basically_satisfied = m.basically_satisfied + EXCLUDED.basically_satisfied,
            dissatisfied = m.dissatisfied + EXCLUDED.dissatisfied, flagged = m.flagged + EXCLUDED.flagged,
            clues = m.clues + EXCLUDED.clues;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO evaluation_unit_monthly AS m (unit_id, month, stripe, city_id, evaluations, satisfied,
                                                  basically_satisfied, dissatisfied, flagged, clues)
        SELECT c.unit_id, c.month, v_stripe, c.city_id, sum(c.e), sum(c.s), sum(c.b), sum(c.d), sum(c.f), sum(c.c)
        FROM (SELECT n.unit_id, date_trunc('month', n.day)::date AS month, n.city_id, n.evaluations AS e,
                     n.satisfied AS s, n.basically_satisfied AS b, n.dissatisfied AS d, n.flagged AS f, n.clues AS c
              FROM new_rows n
              UNION ALL
              SELECT o.unit_id, date_trunc('month', o.day)::date, o.city_id, -o.evaluations, -o.satisfied,
                     -o.basically_satisfied, -o.dissatisfied, -o.flagged, -o.clues
              FROM old_rows o) c
        GROUP BY c.unit_id, c.month, c.city_id
        HAVING sum(c.e) <> 0 OR sum(c.s) <> 0 OR sum(c.b) <> 0 OR sum(c.d) <> 0 OR sum(c.f) <> 0 OR sum(c.c) <> 0
        ORDER BY c.unit_id, c.month, c.city_id
        ON CONFLICT (unit_id, month, stripe, city_id) DO UPDATE SET
            evaluations = m.evaluations + EXCLUDED.evaluations, satisfied = m.satisfied + EXCLUDED.satisfied,
            basically_satisfied = m.basically_satisfied + EXCLUDED.basically_satisfied,
            dissatisfied = m.dissatisfied + EXCLUDED.dissatisfied, flagged = m.flagged + EXCLUDED.flagged,
            clues = m.clues + EXCLUDED.clues;
    ELSE
        INSERT INTO evaluation_unit_monthly AS m (unit_id, month, stripe, city_id, evaluations, satisfied,
                                                  basically_satisfied, dissatisfied, flagged, clues)
        SELECT o.unit_id, date_trunc('month', o.day)::date, v_stripe, o.city_id, -sum(o.evaluations),
               -sum(o.satisfied), -sum(o.basically_satisfied), -sum(o.dissatisfied), -sum(o.flagged), -sum(o.clues)
        FROM old_rows o GROUP BY 1, 2, 4 ORDER BY 1, 2, 4
        ON CONFLICT (unit_id, month, stripe, city_id) DO UPDATE SET
            evaluations = m.evaluations + EXCLUDED.evaluations, satisfied = m.satisfied + EXCLUDED.satisfied,
            basically_satisfied = m.basically_satisfied + EXCLUDED.basically_satisfied,
            dissatisfied = m.dissatisfied + EXCLUDED.dissatisfied, flagged = m.flagged + EXCLUDED.flagged,
            clues = m.clues + EXCLUDED.clues;
    END IF;
    RETURN NULL;
END $$;

-- What the writer calls from now on: V10_10's function, its months in the writer's own rows. The setting is local to
-- the batch's transaction (is_local), so a connection the pool hands to anyone else afterwards carries no stripe.
CREATE FUNCTION evaluation_intake_batch(
    p_keys uuid[], p_codes text[], p_targets bigint[], p_units bigint[], p_officers bigint[], p_overall text[],
    p_ratings text[], p_comments text[], p_phones text[], p_clues boolean[], p_at_millis bigint[], p_days date[],
    p_device_keys text[], p_phone_keys text[], p_address_keys text[],
    p_limit_device integer, p_limit_phone integer, p_limit_address integer, p_bursts text[],
    p_cities bigint[], p_stripe integer)
RETURNS TABLE (idempotency_key uuid, id bigint, tracking_code text, has_clue boolean, inserted boolean)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('minyi.evaluation_stripe', p_stripe::text, true);
    RETURN QUERY SELECT * FROM evaluation_intake_batch(p_keys, p_codes, p_targets, p_units, p_officers, p_overall,
        p_ratings, p_comments, p_phones, p_clues, p_at_millis, p_days, p_device_keys, p_phone_keys, p_address_keys,
        p_limit_device, p_limit_phone, p_limit_address, p_bursts, p_cities);
END
$$;
