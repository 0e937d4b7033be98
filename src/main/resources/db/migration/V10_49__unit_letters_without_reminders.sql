-- The letters a unit's score pays for are its supervision letters and circulars (decision 0074): a reminder comes
-- before the deadline to every unit still working on a case, so counting it ranked a unit that reports on its last day
-- below one that was late. The monthly counter is counted again from the letters themselves, in the city's month (as
-- LetterOffice bumps it, by the city's clock), in one pass over the letters. Idempotent: SchemaBaselineTests runs the
-- files after the baseline again.
WITH counted AS (
    SELECT addressee_unit_id AS unit_id,
           date_trunc('month', issued_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
           count(*) FILTER (WHERE kind <> 'REMINDER') AS letters
    FROM supervision_letter
    GROUP BY 1, 2)
UPDATE unit_month m
SET letters = c.letters
FROM counted c
WHERE c.unit_id = m.unit_id AND c.month = m.month AND m.letters <> c.letters;
