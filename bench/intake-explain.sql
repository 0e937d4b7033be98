-- bench/intake-explain.sh: one batch of 16 residents' forms (random active codes, a new device and address each,
-- time-ordered keys, three aspects) through V10_10's statement (source keys kept as 12 bytes since V10_45), EXPLAINed
-- with buffers and WAL, rolled back
SELECT array_agg(k)::text AS keys, array_agg(tc)::text AS codes, array_agg(t)::text AS targets,
       array_agg(u)::text AS units, array_agg(o)::text AS officers, array_agg(ci)::text AS cities,
       array_agg(dev)::text AS devs, array_agg(addr)::text AS addrs
FROM (SELECT (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')
              || substr(md5(random()::text), 1, 20))::uuid AS k,
             NULL::text AS tc, -- a new row stores no code (decision 0062)
             et.id AS t, et.unit_id AS u, et.officer_id AS o, city_of_path(j.path) AS ci,
             substr(md5(random()::text), 1, 24) AS dev, substr(md5(random()::text), 1, 24) AS addr
      FROM (SELECT * FROM evaluation_target WHERE active ORDER BY random() LIMIT 16) et
      JOIN unit un ON un.id = et.unit_id JOIN jurisdiction j ON j.id = un.jurisdiction_id) x \gset
BEGIN;
SELECT set_config('minyi.evaluation_stripe', '1', true) \g /dev/null
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF, TIMING ON)
WITH input AS (
    SELECT x.* FROM unnest(:'keys'::uuid[], :'codes'::text[], :'targets'::bigint[], :'units'::bigint[], :'officers'::bigint[],
                           array_fill('SATISFIED'::text, ARRAY[16]), array_fill('{"lawful":"SATISFIED","duty":"SATISFIED","attitude":"BASICALLY_SATISFIED"}'::text, ARRAY[16]),
                           array_fill(NULL::text, ARRAY[16]), array_fill(NULL::text, ARRAY[16]), array_fill(false, ARRAY[16]),
                           array_fill((extract(epoch FROM now()) * 1000)::bigint, ARRAY[16]), array_fill(current_date, ARRAY[16]),
                           :'cities'::bigint[], :'devs'::text[], array_fill(NULL::text, ARRAY[16]), :'addrs'::text[], array_fill(NULL::text, ARRAY[16]))
        WITH ORDINALITY AS x(k, tc, t, u, o, ov, r, cm, ph, hc, ms, d, c, dev, phk, addr, burst, idx)),
fresh AS (
    SELECT input.* FROM input
    WHERE NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.idempotency_key = input.k AND e.city_id = input.c)),
src AS (
    SELECT fresh.idx, fresh.d, fresh.t, fresh.c, s.kind, s.source
    FROM fresh, LATERAL (VALUES ('D'::text, decode(fresh.dev, 'hex')), ('P'::text, decode(fresh.phk, 'hex')), ('A'::text, decode(fresh.addr, 'hex'))) AS s(kind, source)
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
           CASE src.kind WHEN 'D' THEN 3 WHEN 'P' THEN 3 ELSE 50 END AS allowed
    FROM src
    JOIN agg ON agg.d = src.d AND agg.t = src.t AND agg.c = src.c AND agg.kind = src.kind AND agg.source = src.source
    JOIN up ON up.day = src.d AND up.target_id = src.t AND up.city_id = src.c AND up.kind = src.kind AND up.source = src.source),
parts AS (
    SELECT ranked.idx, ranked.kind || ':' || ranked.ordinal || '>' || ranked.allowed AS part
    FROM ranked WHERE ranked.ordinal > ranked.allowed),
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
totals AS (
    INSERT INTO evaluation_daily AS d (unit_id, officer_id, day, city_id, evaluations, satisfied,
                                       basically_satisfied, dissatisfied, flagged, clues)
    SELECT ins.unit_id, coalesce(ins.officer_id, 0), ins.day, ins.city_id,
           count(*) FILTER (WHERE NOT ins.flagged),
           count(*) FILTER (WHERE NOT ins.flagged AND ins.overall = 'SATISFIED'),
           count(*) FILTER (WHERE NOT ins.flagged AND ins.overall = 'BASICALLY_SATISFIED'),
           count(*) FILTER (WHERE NOT ins.flagged AND ins.overall = 'DISSATISFIED'),
           count(*) FILTER (WHERE ins.flagged), count(*) FILTER (WHERE ins.has_clue)
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
           count(*) FILTER (WHERE r.value = 'SATISFIED'), count(*) FILTER (WHERE r.value = 'BASICALLY_SATISFIED'),
           count(*) FILTER (WHERE r.value = 'DISSATISFIED')
    FROM ins, jsonb_each_text(ins.ratings) AS r(key, value) WHERE NOT ins.flagged
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (unit_id, officer_id, dimension, day, city_id) DO UPDATE SET
        satisfied = d.satisfied + excluded.satisfied,
        basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
        dissatisfied = d.dissatisfied + excluded.dissatisfied)
SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM up);
ROLLBACK;
