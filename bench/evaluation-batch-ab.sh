#!/usr/bin/env bash
# The evaluation writer's batch function alone, old against new, side by side (issue 14, decision 0042; on purpose):
#   bench/evaluation-batch-ab.sh DATA_DIR [seconds=10] [rounds=2] [batch=50]
# Uses the PostgreSQL running on $PGPORT (default 54498) on DATA_DIR — a database the app has migrated to V4_30, e.g.
# the app's embedded one while the app idles (`start_app` of bench/intake-lib.sh with --minyi.warm-up.duration=0s) —
# or starts the embedded binaries there itself (not as root: PostgreSQL refuses), and runs pgbench with 2
# clients (= the app's 2 writers), each transaction one call with $batch forms, alternating per round between
# evaluation_write_batch (V10_2: insert, count, then UPDATE the flagged rows) and evaluation_store_batch (V4_30:
# count, then insert with the flags), in two cases: every form flagged (one device and one address rating one target
# over and over — ballot-stuffing, and every form of bench/intake-baselines.sh, which all come from 127.0.0.1) and no
# form flagged (a new device and address each). Prints forms/s.
set -euo pipefail
DATA=$1; SECS=${2:-10}; ROUNDS=${3:-2}; BATCH=${4:-50}
PGPORT=${PGPORT:-54498}
BIN=$(dirname "$(ls /tmp/embedded-pg/*/bin/postgres | head -1)")
OUT=${BENCH_OUT:-/tmp/minyi-batch-ab}; mkdir -p "$OUT"
PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"
if $PSQL -c "SELECT 1" > /dev/null 2>&1; then
  # a server that is running already on DATA_DIR and $PGPORT (e.g. the app's embedded one, the app idle)
  :
else
  # the server binary directly, as the app's embedded PostgreSQL starts it
  "$BIN/postgres" -D "$DATA" -p "$PGPORT" -c listen_addresses=localhost > "$OUT/pg.log" 2>&1 &
  PG=$!
  trap 'kill -INT "$PG" 2>/dev/null; wait "$PG" 2>/dev/null || true' EXIT
fi
for _ in $(seq 1 100); do $PSQL -c "SELECT 1" > /dev/null 2>&1 && break; sleep 0.2; done
read -r TARGET UNIT CITY <<< "$($PSQL -F ' ' -c "SELECT et.id, et.unit_id, city_of_path(j.path) FROM evaluation_target et
  JOIN unit u ON u.id = et.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
  WHERE et.active AND et.officer_id IS NULL ORDER BY et.id LIMIT 1")"
script() { # function flagged|fresh -> pgbench script file
  local f=$1 kind=$2 dev addr
  if [ "$kind" = flagged ]; then dev="array_fill('bench-device'::text, ARRAY[$BATCH])"; addr="array_fill('bench-address'::text, ARRAY[$BATCH])"
  else dev="ARRAY(SELECT md5(random()::text) FROM generate_series(1, $BATCH))"; addr="ARRAY(SELECT md5(random()::text) FROM generate_series(1, $BATCH))"; fi
  cat > "$OUT/$f-$kind.sql" <<SQL
SELECT count(*) FROM $f(
  ARRAY(SELECT gen_random_uuid() FROM generate_series(1, $BATCH)),
  ARRAY(SELECT 'B' || substr(md5(random()::text), 1, 15) FROM generate_series(1, $BATCH)),
  array_fill($TARGET::bigint, ARRAY[$BATCH]), array_fill($UNIT::bigint, ARRAY[$BATCH]), array_fill(NULL::bigint, ARRAY[$BATCH]),
  array_fill('SATISFIED'::text, ARRAY[$BATCH]), array_fill('{"duty":"SATISFIED","service":"SATISFIED"}'::text, ARRAY[$BATCH]),
  array_fill(NULL::text, ARRAY[$BATCH]), array_fill(NULL::text, ARRAY[$BATCH]), array_fill(false, ARRAY[$BATCH]),
  array_fill((extract(epoch FROM now()) * 1000)::bigint, ARRAY[$BATCH]), array_fill(current_date, ARRAY[$BATCH]),
  $dev, array_fill(NULL::text, ARRAY[$BATCH]), $addr, 3, 3, 50,
  array_fill(NULL::text, ARRAY[$BATCH]), array_fill($CITY::bigint, ARRAY[$BATCH]));
SQL
  echo "$OUT/$f-$kind.sql"
}
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "| round | case | function | forms/s |"
echo "|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  for kind in flagged fresh; do
    for f in evaluation_write_batch evaluation_store_batch; do
      file=$(script "$f" "$kind")
      pgbench -n -h localhost -p "$PGPORT" -U postgres -c 2 -j 2 -T "$SECS" -f "$file" postgres > "$OUT/pgbench.txt" 2>&1 || true
      tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
      forms=$(awk -v t="${tps:-0}" -v b="$BATCH" 'BEGIN { printf "%.0f", t * b }')
      echo "| $round | $kind | $f | $forms |"
    done
  done
done
echo "batch $BATCH forms per call, 2 clients, ${SECS}s each; $(nproc) cores; load average before $LOAD0, after $(cut -d' ' -f1-3 /proc/loadavg)"
