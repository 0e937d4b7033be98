-- The evaluation writer calls evaluation_intake_batch only (V10_10, with V10_11's stripe and V10_12's flush). Its two
-- predecessors stayed behind for bench/evaluation-batch-ab.sh's comparisons, which are recorded in
-- docs/performance.md; the baseline of decision 0063 leaves them out, and this drops them where the old lineage made them.
DROP FUNCTION IF EXISTS evaluation_store_batch(uuid[], text[], bigint[], bigint[], bigint[], text[], text[], text[],
    text[], boolean[], bigint[], date[], text[], text[], text[], integer, integer, integer, text[], bigint[]);
DROP FUNCTION IF EXISTS evaluation_write_batch(uuid[], text[], bigint[], bigint[], bigint[], text[], text[], text[],
    text[], boolean[], bigint[], date[], text[], text[], text[], integer, integer, integer, text[], bigint[]);
