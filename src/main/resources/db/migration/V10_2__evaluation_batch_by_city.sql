-- Decision 0037: the evaluation writer passes each evaluation's city (from its cached target, no query), and the
-- batch function carries it into the rows, the per-source counters and the running totals, whose keys now end in
-- city_id (V10_1). Same function as V4_10 plus p_cities; the idempotency look-up and the unique constraint it names
-- keep their names.
DROP FUNCTION evaluation_write_batch(uuid[], text[], bigint[], bigint[], bigint[], text[], text[], text[], text[],
    boolean[], bigint[], date[], text[], text[], text[], integer, integer, integer, text[]);

CREATE FUNCTION evaluation_write_batch(
    p_keys uuid[], p_codes text[], p_targets bigint[], p_units bigint[], p_officers bigint[], p_overall text[],
    p_ratings text[], p_comments text[], p_phones text[], p_clues boolean[], p_at_millis bigint[], p_days date[],
    p_device_keys text[], p_phone_keys text[], p_address_keys text[],
    p_limit_device integer, p_limit_phone integer, p_limit_address integer, p_bursts text[],
    p_cities bigint[])
RETURNS TABLE (idempotency_key uuid, id bigint, tracking_code text, has_clue boolean, inserted boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_ids bigint[];
    v_keys uuid[];
BEGIN
    WITH ins AS (
        INSERT INTO evaluation AS e (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall, ratings,
                                     comment, phone, has_clue, submitted_at, day, city_id)
        SELECT x.k, x.tc, x.t, x.u, x.o, x.ov, x.r::jsonb, x.cm, x.ph, x.hc, to_timestamp(x.ms / 1000.0), x.d, x.c
        FROM unnest(p_keys, p_codes, p_targets, p_units, p_officers, p_overall, p_ratings, p_comments, p_phones,
                    p_clues, p_at_millis, p_days, p_cities) AS x(k, tc, t, u, o, ov, r, cm, ph, hc, ms, d, c)
        ORDER BY x.k
        ON CONFLICT ON CONSTRAINT evaluation_idempotency_key_key DO NOTHING
        RETURNING e.id, e.idempotency_key)
    SELECT array_agg(ins.id), array_agg(ins.idempotency_key) INTO v_ids, v_keys FROM ins;

    IF v_ids IS NOT NULL THEN
        -- Each new evaluation's ordinal on its (day, target, source) counter: the count before this batch plus its
        -- place within the batch. Past the allowance it is kept but flagged, with the reason.
        WITH input AS (
            SELECT x.* FROM unnest(p_keys, p_targets, p_days, p_device_keys, p_phone_keys, p_address_keys, p_cities)
                WITH ORDINALITY AS x(k, t, d, dev, ph, addr, c, idx)),
        fresh AS (
            SELECT input.*, f.id FROM input JOIN unnest(v_ids, v_keys) AS f(id, k) ON f.k = input.k),
        src AS (
            SELECT fresh.id, fresh.idx, fresh.d, fresh.t, fresh.c, s.kind, s.source
            FROM fresh, LATERAL (VALUES ('D'::text, fresh.dev), ('P'::text, fresh.ph), ('A'::text, fresh.addr)) AS s(kind, source)
            WHERE s.source IS NOT NULL),
        agg AS (
            SELECT src.d, src.t, src.c, src.kind, src.source, count(*)::integer AS n FROM src GROUP BY 1, 2, 3, 4, 5),
        up AS (
            INSERT INTO evaluation_source_day AS s (day, target_id, city_id, kind, source, count)
            SELECT agg.d, agg.t, agg.c, agg.kind, agg.source, agg.n FROM agg ORDER BY 1, 2, 3, 4, 5
            ON CONFLICT (day, target_id, kind, source, city_id) DO UPDATE SET count = s.count + excluded.count
            RETURNING s.day, s.target_id, s.kind::text AS kind, s.source, s.count),
        ranked AS (
            SELECT src.id, src.c, src.kind,
                   up.count - agg.n + row_number() OVER (PARTITION BY src.d, src.t, src.kind, src.source ORDER BY src.idx) AS ordinal,
                   CASE src.kind WHEN 'D' THEN p_limit_device WHEN 'P' THEN p_limit_phone ELSE p_limit_address END AS allowed
            FROM src
            JOIN agg ON agg.d = src.d AND agg.t = src.t AND agg.kind = src.kind AND agg.source = src.source
            JOIN up ON up.day = src.d AND up.target_id = src.t AND up.kind = src.kind AND up.source = src.source),
        parts AS (
            SELECT ranked.id, ranked.c, ranked.kind || ':' || ranked.ordinal || '>' || ranked.allowed AS part
            FROM ranked WHERE ranked.ordinal > ranked.allowed
            UNION ALL
            -- bursts seen by the application (rhythm, window, address prefix: evaluation/BurstDetector)
            SELECT fresh.id, fresh.c, b.part FROM fresh
            JOIN unnest(p_bursts) WITH ORDINALITY AS x(reason, idx) ON x.idx = fresh.idx,
            LATERAL unnest(string_to_array(x.reason, ';')) AS b(part)
            WHERE x.reason IS NOT NULL),
        reasons AS (
            SELECT parts.id, parts.c, string_agg(parts.part, ';' ORDER BY parts.part) AS reason FROM parts
            GROUP BY parts.id, parts.c)
        UPDATE evaluation e SET flagged = true, flag_reason = reasons.reason FROM reasons
        WHERE e.id = reasons.id AND e.city_id = reasons.c;

        WITH fresh AS (
            SELECT e.* FROM evaluation e WHERE e.id = ANY (v_ids)),
        totals AS (
            INSERT INTO evaluation_daily AS d (unit_id, officer_id, day, city_id, evaluations, satisfied,
                                               basically_satisfied, dissatisfied, flagged, clues)
            SELECT fresh.unit_id, coalesce(fresh.officer_id, 0), fresh.day, fresh.city_id,
                   count(*) FILTER (WHERE NOT fresh.flagged),
                   count(*) FILTER (WHERE NOT fresh.flagged AND fresh.overall = 'SATISFIED'),
                   count(*) FILTER (WHERE NOT fresh.flagged AND fresh.overall = 'BASICALLY_SATISFIED'),
                   count(*) FILTER (WHERE NOT fresh.flagged AND fresh.overall = 'DISSATISFIED'),
                   count(*) FILTER (WHERE fresh.flagged),
                   count(*) FILTER (WHERE fresh.has_clue)
            FROM fresh GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT (unit_id, officer_id, day, city_id) DO UPDATE SET
                evaluations = d.evaluations + excluded.evaluations, satisfied = d.satisfied + excluded.satisfied,
                basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
                dissatisfied = d.dissatisfied + excluded.dissatisfied, flagged = d.flagged + excluded.flagged,
                clues = d.clues + excluded.clues)
        INSERT INTO evaluation_dimension_daily AS d (unit_id, officer_id, day, city_id, dimension, satisfied,
                                                     basically_satisfied, dissatisfied)
        SELECT fresh.unit_id, coalesce(fresh.officer_id, 0), fresh.day, fresh.city_id, r.key,
               count(*) FILTER (WHERE r.value = 'SATISFIED'),
               count(*) FILTER (WHERE r.value = 'BASICALLY_SATISFIED'),
               count(*) FILTER (WHERE r.value = 'DISSATISFIED')
        FROM fresh, jsonb_each_text(fresh.ratings) AS r(key, value)
        WHERE NOT fresh.flagged
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (unit_id, officer_id, dimension, day, city_id) DO UPDATE SET
            satisfied = d.satisfied + excluded.satisfied,
            basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
            dissatisfied = d.dissatisfied + excluded.dissatisfied;
    END IF;

    RETURN QUERY
        SELECT e.idempotency_key, e.id, e.tracking_code, e.has_clue, coalesce(e.id = ANY (v_ids), false)
        FROM evaluation e WHERE e.idempotency_key = ANY (p_keys) AND e.city_id = ANY (p_cities);
END
$$;

-- the monthly totals follow the daily ones into the same city
CREATE OR REPLACE FUNCTION evaluation_daily_into_month() RETURNS trigger LANGUAGE plpgsql AS $$
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
    INSERT INTO evaluation_unit_monthly AS m (unit_id, month, city_id, evaluations, satisfied, basically_satisfied,
                                              dissatisfied, flagged, clues)
    VALUES (r.unit_id, date_trunc('month', r.day)::date, r.city_id, sign * e, sign * s, sign * b, sign * d, sign * f, sign * c)
    ON CONFLICT (unit_id, month, city_id) DO UPDATE SET
        evaluations = m.evaluations + EXCLUDED.evaluations,
        satisfied = m.satisfied + EXCLUDED.satisfied,
        basically_satisfied = m.basically_satisfied + EXCLUDED.basically_satisfied,
        dissatisfied = m.dissatisfied + EXCLUDED.dissatisfied,
        flagged = m.flagged + EXCLUDED.flagged,
        clues = m.clues + EXCLUDED.clues;
    RETURN NULL;
END $$;
