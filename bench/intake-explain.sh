#!/usr/bin/env bash
# What one resident's form costs PostgreSQL, part by part (issue 14, decision 0061; run on purpose, under
# `flock /tmp/minyi-bench.lock`): bench/intake-explain.sh [batches=8]
# Starts the app on the kept intake database ($BENCH_DATA_DIR, as bench/intake-lib.sh; SKIP_BUILD=1 JAR=... to use a
# built jar), prints the evaluation tables' sizes and then, per batch, bench/intake-explain.sql — the batch function's
# statement on 16 residents' forms, EXPLAIN (ANALYZE, BUFFERS, WAL), rolled back, with no code stored (decision 0062:
# before it, a second run per batch dropped the random codes' unique index to show its share); bench/intake-explain.py
# sums the parts per form.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-8}
. bench/intake-lib.sh
build_app
trap 'stop_app' EXIT
start_app "$OUT/app-explain.log" -- --minyi.warm-up.duration=0s
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
$PSQL -F ' | ' -c "SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid)), c.reltuples::bigint FROM pg_class c
                   WHERE c.relname LIKE 'evaluation%' AND c.relkind IN ('r', 'i') AND pg_relation_size(c.oid) > 1000000
                   ORDER BY pg_relation_size(c.oid) DESC"
for i in $(seq 1 "$N"); do
  echo "=== batch $i as-is"
  psql -X -h localhost -p "$PGPORT" -U postgres -d postgres -f bench/intake-explain.sql 2>&1
done > "$OUT/intake-explain.txt"
python3 bench/intake-explain.py "$OUT/intake-explain.txt"
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
