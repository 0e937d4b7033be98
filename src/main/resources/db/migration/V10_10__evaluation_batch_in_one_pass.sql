-- Decision 0045 (issue 14): the evaluation writer's batch in one pass over its rows. PostgreSQL spent about as much CPU
-- per stored evaluation as the application did (≈ 135 µs per receipt), more than a whole single-row INSERT and commit
-- of pgbench, although the writer shares one commit among a whole batch. Two things ran per row rather than per batch:
--   * the monthly totals: a row trigger on evaluation_daily ran a PL/pgSQL function and an INSERT … ON CONFLICT for
--     every daily row the batch wrote — an executor start and stop per row; now one statement-level trigger per
--     statement adds each unit's month once, from the transition tables (the same totals whatever writes the daily
--     rows: the writer, a correction by hand, a test);
--   * the batch function read back what it had just written: every inserted row again by its id for the daily totals,
--     and every key again for the answer. evaluation_intake_batch (what the writer calls from now on; V4_30's
--     evaluation_store_batch stays, unused, for bench/evaluation-batch-ab.sh) takes the totals from the rows the
--     INSERT returns, in the same statement, and looks up only the keys it did not insert (a retry, a form stored by
--     the other writer at the same moment).
-- Everything else is V4_30's: the same parameters and results, the per-source counters taken first for the forms whose
-- key is not stored yet, the flags inserted with the row, the counts taken back for a form the other writer stored,
-- and the same lock order (counters by day, target, city, kind, source; then the daily rows by unit, officer, day,
-- city; then the months by unit, month, city).

DROP TRIGGER evaluation_daily_into_month ON evaluation_daily;
DROP FUNCTION evaluation_daily_into_month();

-- The change of each unit's month made by one statement on evaluation_daily, grouped by unit, month and city: the new
-- rows' totals (INSERT), the new minus the old (UPDATE; a row whose key changed moves its totals between two months),
-- minus the old (DELETE). Each branch names only the transition tables its event has; a statement that changed no
-- total (an UPDATE of nothing, or of equal figures) writes nothing.
CREATE FUNCTION evaluation_daily_into_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO evaluation_unit_monthly AS m (unit_id, month, city_id, evaluations, satisfied, basically_satisfied,
                                                  dissatisfied, flagged, clues)
        SELECT n.unit_id, date_trunc('month', n.day)::date, n.city_id, sum(n.evaluations), sum(n.satisfied),
               sum(n.basically_satisfied), sum(n.dissatisfied), sum(n.flagged), sum(n.clues)
        FROM new_rows n GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (unit_id, month, city_id) DO UPDATE SET
            evaluations = m.evaluations + EXCLUDED.evaluations, satisfied = m.satisfied + EXCLUDED.satisfied,
            basically_satisfied = m.basically_satisfied + EXCLUDED.basically_satisfied,
            dissatisfied = m.dissatisfied + EXCLUDED.dissatisfied, flagged = m.flagged + EXCLUDED.flagged,
            clues = m.clues + EXCLUDED.clues;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO evaluation_unit_monthly AS m (unit_id, month, city_id, evaluations, satisfied, basically_satisfied,
                                                  dissatisfied, flagged, clues)
        SELECT c.unit_id, c.month, c.city_id, sum(c.e), sum(c.s), sum(c.b), sum(c.d), sum(c.f), sum(c.c)
        FROM (SELECT n.unit_id, date_trunc('month', n.day)::date AS month, n.city_id, n.evaluations AS e,
                     n.satisfied AS s, n.basically_satisfied AS b, n.dissatisfied AS d, n.flagged AS f, n.clues AS c
              FROM new_rows n
              UNION ALL
              SELECT o.unit_id, date_trunc('month', o.day)::date, o.city_id, -o.evaluations, -o.satisfied,
                     -o.basically_satisfied, -o.dissatisfied, -o.flagged, -o.clues
              FROM old_rows o) c
        GROUP BY 1, 2, 3
        HAVING sum(c.e) <> 0 OR sum(c.s) <> 0 OR sum(c.b) <> 0 OR sum(c.d) <> 0 OR sum(c.f) <> 0 OR sum(c.c) <> 0
        ORDER BY 1, 2, 3
        ON CONFLICT (unit_id, month, city_id) DO UPDATE SET
            evaluations = m.evaluations + EXCLUDED.evaluations, satisfied = m.satisfied + EXCLUDED.satisfied,
            basically_satisfied = m.basically_satisfied + EXCLUDED.basically_satisfied,
            dissatisfied = m.dissatisfied + EXCLUDED.dissatisfied, flagged = m.flagged + EXCLUDED.flagged,
            clues = m.clues + EXCLUDED.clues;
    ELSE
        INSERT INTO evaluation_unit_monthly AS m (unit_id, month, city_id, evaluations, satisfied, basically_satisfied,
                                                  dissatisfied, flagged, clues)
        SELECT o.unit_id, date_trunc('month', o.day)::date, o.city_id, -sum(o.evaluations), -sum(o.satisfied),
               -sum(o.basically_satisfied), -sum(o.dissatisfied), -sum(o.flagged), -sum(o.clues)
        FROM old_rows o GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (unit_id, month, city_id) DO UPDATE SET
            evaluations = m.evaluations + EXCLUDED.evaluations, satisfied = m.satisfied + EXCLUDED.satisfied,
            basically_satisfied = m.basically_satisfied + EXCLUDED.basically_satisfied,
            dissatisfied = m.dissatisfied + EXCLUDED.dissatisfied, flagged = m.flagged + EXCLUDED.flagged,
            clues = m.clues + EXCLUDED.clues;
    END IF;
    RETURN NULL;
END $$;

-- A trigger with transition tables has one event each (PostgreSQL's rule).
CREATE TRIGGER evaluation_daily_into_months_insert AFTER INSERT ON evaluation_daily
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_daily_into_months();
CREATE TRIGGER evaluation_daily_into_months_update AFTER UPDATE ON evaluation_daily
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_daily_into_months();
CREATE TRIGGER evaluation_daily_into_months_delete AFTER DELETE ON evaluation_daily
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_daily_into_months();

CREATE FUNCTION evaluation_intake_batch(
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
    v_codes text[];
    v_clues boolean[];
    v_counted uuid[];
    v_others uuid[];
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
        RETURNING e.id, e.idempotency_key, e.tracking_code, e.has_clue, e.unit_id, e.officer_id, e.day, e.city_id,
                  e.overall, e.ratings, e.flagged),
    -- the running totals from the rows just inserted (not read back from the table)
    totals AS (
        INSERT INTO evaluation_daily AS d (unit_id, officer_id, day, city_id, evaluations, satisfied,
                                           basically_satisfied, dissatisfied, flagged, clues)
        SELECT ins.unit_id, coalesce(ins.officer_id, 0), ins.day, ins.city_id,
               count(*) FILTER (WHERE NOT ins.flagged),
               count(*) FILTER (WHERE NOT ins.flagged AND ins.overall = 'SATISFIED'),
               count(*) FILTER (WHERE NOT ins.flagged AND ins.overall = 'BASICALLY_SATISFIED'),
               count(*) FILTER (WHERE NOT ins.flagged AND ins.overall = 'DISSATISFIED'),
               count(*) FILTER (WHERE ins.flagged),
               count(*) FILTER (WHERE ins.has_clue)
        FROM ins GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (unit_id, officer_id, day, city_id) DO UPDATE SET
            evaluations = d.evaluations + excluded.evaluations, satisfied = d.satisfied + excluded.satisfied,
            basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
            dissatisfied = d.dissatisfied + excluded.dissatisfied, flagged = d.flagged + excluded.flagged,
            clues = d.clues + excluded.clues),
    dimensions AS (
        INSERT INTO evaluation_dimension_daily AS d (unit_id, officer_id, day, city_id, dimension, satisfied,
                                                     basically_satisfied, dissatisfied)
        SELECT ins.unit_id, coalesce(ins.officer_id, 0), ins.day, ins.city_id, r.key,
               count(*) FILTER (WHERE r.value = 'SATISFIED'),
               count(*) FILTER (WHERE r.value = 'BASICALLY_SATISFIED'),
               count(*) FILTER (WHERE r.value = 'DISSATISFIED')
        FROM ins, jsonb_each_text(ins.ratings) AS r(key, value)
        WHERE NOT ins.flagged
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (unit_id, officer_id, dimension, day, city_id) DO UPDATE SET
            satisfied = d.satisfied + excluded.satisfied,
            basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
            dissatisfied = d.dissatisfied + excluded.dissatisfied)
    SELECT (SELECT array_agg(ins.id) FROM ins), (SELECT array_agg(ins.idempotency_key) FROM ins),
           (SELECT array_agg(ins.tracking_code) FROM ins), (SELECT array_agg(ins.has_clue) FROM ins),
           (SELECT array_agg(fresh.k) FROM fresh)
    INTO v_ids, v_keys, v_codes, v_clues, v_counted;

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

    -- the keys not inserted here: retries and forms the other writer stored; only they are looked up
    SELECT array_agg(k) INTO v_others
    FROM (SELECT unnest(p_keys) EXCEPT SELECT unnest(v_keys)) AS o(k);

    RETURN QUERY
        SELECT x.k, x.id, x.tc, x.hc, true FROM unnest(v_keys, v_ids, v_codes, v_clues) AS x(k, id, tc, hc);
    IF v_others IS NOT NULL THEN
        RETURN QUERY
            SELECT e.idempotency_key, e.id, e.tracking_code, e.has_clue, false
            FROM evaluation e WHERE e.idempotency_key = ANY (v_others) AND e.city_id = ANY (p_cities);
    END IF;
END
$$;
