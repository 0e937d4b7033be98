-- Decision 0042 (issue 14): evaluation_store_batch, what the evaluation writer calls from now on — the batch function
-- of V10_2 (evaluation_write_batch, left in place and unused) with one change: a flagged evaluation is inserted with
-- its flags instead of being inserted and then updated. A function of its own name because this migration runs
-- before V10_1/V10_2 on an empty database (out of order, decision 0006) and must not be replaced or clash there; its
-- body is only resolved against the tables when called, after every migration. The UPDATE wrote every flagged row twice — a second heap tuple and a new entry in each of the table's
-- indexes, since `flagged` is in the predicate of evaluation_flagged — and under ballot-stuffing nearly every row of a
-- batch is flagged. Same parameters, results and counters as V10_2:
--   * the per-source counters are taken first, for the forms whose key is not stored yet (a retry is not counted
--     again, as before), and each form's ordinal on them gives its flags;
--   * a form that another writer stores at the same moment (a double click landing in both writers' batches) is not
--     inserted here (ON CONFLICT DO NOTHING waits for that writer's commit), so what it added to the counters is taken
--     back: the counters count stored evaluations exactly, as before.
-- Counters are still locked in one order (day, target, city, kind, source) before any row is inserted, so two writers
-- cannot wait on each other.
CREATE OR REPLACE FUNCTION evaluation_store_batch(
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
    v_counted uuid[];
BEGIN
    WITH input AS (
        SELECT x.* FROM unnest(p_keys, p_codes, p_targets, p_units, p_officers, p_overall, p_ratings, p_comments,
                               p_phones, p_clues, p_at_millis, p_days, p_cities, p_device_keys, p_phone_keys,
                               p_address_keys, p_bursts)
            WITH ORDINALITY AS x(k, tc, t, u, o, ov, r, cm, ph, hc, ms, d, c, dev, phk, addr, burst, idx)),
    fresh AS (
        SELECT input.* FROM input
        WHERE NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.idempotency_key = input.k AND e.city_id = input.c)),
    src AS (
        SELECT fresh.idx, fresh.d, fresh.t, fresh.c, s.kind, s.source
        FROM fresh, LATERAL (VALUES ('D'::text, fresh.dev), ('P'::text, fresh.phk), ('A'::text, fresh.addr)) AS s(kind, source)
        WHERE s.source IS NOT NULL),
    agg AS (
        SELECT src.d, src.t, src.c, src.kind, src.source, count(*)::integer AS n FROM src GROUP BY 1, 2, 3, 4, 5),
    up AS (
        INSERT INTO evaluation_source_day AS s (day, target_id, city_id, kind, source, count)
        SELECT agg.d, agg.t, agg.c, agg.kind, agg.source, agg.n FROM agg ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (day, target_id, kind, source, city_id) DO UPDATE SET count = s.count + excluded.count
        RETURNING s.day, s.target_id, s.city_id, s.kind::text AS kind, s.source, s.count),
    ranked AS (
        SELECT src.idx, src.kind,
               up.count - agg.n + row_number() OVER (PARTITION BY src.d, src.t, src.c, src.kind, src.source ORDER BY src.idx) AS ordinal,
               CASE src.kind WHEN 'D' THEN p_limit_device WHEN 'P' THEN p_limit_phone ELSE p_limit_address END AS allowed
        FROM src
        JOIN agg ON agg.d = src.d AND agg.t = src.t AND agg.c = src.c AND agg.kind = src.kind AND agg.source = src.source
        JOIN up ON up.day = src.d AND up.target_id = src.t AND up.city_id = src.c AND up.kind = src.kind
                   AND up.source = src.source),
    parts AS (
        SELECT ranked.idx, ranked.kind || ':' || ranked.ordinal || '>' || ranked.allowed AS part
        FROM ranked WHERE ranked.ordinal > ranked.allowed
        UNION ALL
        -- bursts seen by the application (rhythm, window, address prefix: evaluation/BurstDetector)
        SELECT fresh.idx, b.part FROM fresh, LATERAL unnest(string_to_array(fresh.burst, ';')) AS b(part)
        WHERE fresh.burst IS NOT NULL),
    reasons AS (
        SELECT parts.idx, string_agg(parts.part, ';' ORDER BY parts.part) AS reason FROM parts GROUP BY parts.idx),
    ins AS (
        INSERT INTO evaluation AS e (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall, ratings,
                                     comment, phone, has_clue, submitted_at, day, city_id, flagged, flag_reason)
        SELECT f.k, f.tc, f.t, f.u, f.o, f.ov, f.r::jsonb, f.cm, f.ph, f.hc, to_timestamp(f.ms / 1000.0), f.d, f.c,
               reasons.reason IS NOT NULL, reasons.reason
        FROM fresh f LEFT JOIN reasons ON reasons.idx = f.idx
        ORDER BY f.k
        ON CONFLICT ON CONSTRAINT evaluation_idempotency_key_key DO NOTHING
        RETURNING e.id, e.idempotency_key)
    SELECT (SELECT array_agg(ins.id) FROM ins), (SELECT array_agg(ins.idempotency_key) FROM ins),
           (SELECT array_agg(fresh.k) FROM fresh)
    INTO v_ids, v_keys, v_counted;

    IF cardinality(v_counted) > coalesce(cardinality(v_keys), 0) THEN
        -- counted above but stored by another writer meanwhile: take those counts back
        WITH lost AS (
            SELECT x.* FROM unnest(p_keys, p_targets, p_days, p_cities, p_device_keys, p_phone_keys, p_address_keys)
                AS x(k, t, d, c, dev, phk, addr)
            WHERE x.k = ANY (v_counted) AND NOT (x.k = ANY (coalesce(v_keys, '{}'::uuid[])))),
        agg AS (
            SELECT lost.d, lost.t, lost.c, s.kind, s.source, count(*)::integer AS n
            FROM lost, LATERAL (VALUES ('D'::text, lost.dev), ('P'::text, lost.phk), ('A'::text, lost.addr)) AS s(kind, source)
            WHERE s.source IS NOT NULL GROUP BY 1, 2, 3, 4, 5)
        UPDATE evaluation_source_day s SET count = s.count - agg.n FROM agg
        WHERE s.day = agg.d AND s.target_id = agg.t AND s.city_id = agg.c AND s.kind = agg.kind
          AND s.source = agg.source;
    END IF;

    IF v_ids IS NOT NULL THEN
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
