#!/usr/bin/env bash
# The evaluation writer's batch function alone, old against new, side by side (issue 14, decision 0042; on purpose):
#   bench/evaluation-batch-ab.sh DATA_DIR [seconds=10] [rounds=2] [batch=50]
# Uses the PostgreSQL running on $PGPORT (default 54498) on DATA_DIR — a database the app has migrated, e.g.
# the app's embedded one while the app idles (`start_app` of bench/intake-lib.sh with --minyi.warm-up.duration=0s) —
# or starts the embedded binaries there itself (not as root: PostgreSQL refuses), and runs pgbench with 2
# clients (= the app's 2 writers), each transaction one call with $batch forms, alternating per round between
# $FUNCTIONS: evaluation_intake_batch (V10_10, decision 0045: the totals from the inserted rows, months once per
# statement; "evaluation_intake_batch+stripe": V10_11's, each client adding to its own month rows as each of the app's
# writers does, decision 0049; "evaluation_intake_batch+flushed": V10_12's, as the writer calls it, decision 0054) —
# "name+flushed": any function with V10_12's parameters called so, e.g. a copy with one part left out, to measure it;
# the older evaluation_write_batch and evaluation_store_batch were dropped by V10_43 (decision 0063); their figures
# are in docs/performance.md — in $CASES: "spread" (each form on a random active code from one of 256 phones, one
# address — as bench/intake-baselines.sh's phones send them), "flagged" (one device and one address rating one target
# over and over: ballot-stuffing), "fresh" (a new device and address each, nothing flagged, one code) and "residents"
# (as "spread", each form from a new device and address: RESIDENTS=1's forms, nothing flagged). Prints forms/s and the
# server's CPU per form (postmaster and all its processes, from /proc). $CLIENTS (default 2) pgbench clients.
set -euo pipefail
DATA=$1; SECS=${2:-10}; ROUNDS=${3:-2}; BATCH=${4:-50}
FUNCTIONS=${FUNCTIONS:-evaluation_intake_batch evaluation_intake_batch+stripe evaluation_intake_batch+flushed}
CASES=${CASES:-spread flagged fresh}
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
fi
for _ in $(seq 1 100); do $PSQL -c "SELECT 1" > /dev/null 2>&1 && break; sleep 0.2; done
read -r TARGET UNIT CITY <<< "$($PSQL -F ' ' -c "SELECT et.id, et.unit_id, city_of_path(j.path) FROM evaluation_target et
  JOIN unit u ON u.id = et.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
  WHERE et.active AND et.officer_id IS NULL ORDER BY et.id LIMIT 1")"
# Every active code once, numbered, for the "spread" case (each form on a random code, as the bench's phones rate)
$PSQL -c "DROP TABLE IF EXISTS bench_batch_target" -c "CREATE TABLE bench_batch_target AS
  SELECT row_number() OVER (ORDER BY et.id)::int AS n, et.id AS target, et.unit_id AS unit, et.officer_id AS officer,
         city_of_path(j.path) AS city
  FROM evaluation_target et JOIN unit u ON u.id = et.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
  WHERE et.active" -c "ALTER TABLE bench_batch_target ADD PRIMARY KEY (n)"
TARGETS_N=$($PSQL -c "SELECT count(*) FROM bench_batch_target")
trap '$PSQL -c "DROP TABLE IF EXISTS bench_batch_target" >/dev/null 2>&1 || true; [ -n "${PG:-}" ] && { kill -INT "$PG" 2>/dev/null; wait "$PG" 2>/dev/null; }; true' EXIT
# COMMENTS=1: every "spread" and "residents" form carries a comment of 20-odd characters, a different one each
# (for the commented forms' index, decision 0070); else none, as the intake bench's forms
comments="array_fill(NULL::text, ARRAY[$BATCH])"
[ "${COMMENTS:-0}" = 1 ] && comments="ARRAY(SELECT '民警态度很好，窗口办事效率高，' || left(md5(random()::text), 8) FROM generate_series(1, $BATCH))"
script() { # function flagged|fresh|spread -> pgbench script file
  local f=$1 kind=$2 dev addr fn=${1%+stripe} stripe=
  # "evaluation_intake_batch+stripe": V10_11's call with the writer's number, each pgbench client a writer (0049)
  [ "$fn" != "$f" ] && stripe=", :client_id"
  # "evaluation_intake_batch+flushed": V10_12's call as the writer makes it (its stripe, synchronous_commit off, 0054)
  # (any other function with the same parameters, e.g. a variant made by hand to measure one part: "name+flushed")
  case $f in *+flushed) fn=${f%+flushed}; stripe=", :client_id, true" ;; esac
  if [ "$kind" = spread ] || [ "$kind" = residents ]; then
    # spread: a random code per form, a random one of 256 phones, one address (every phone of the bench is 127.0.0.1);
    # residents: a random code per form from a device and an address seen nowhere else (RESIDENTS=1 of intake.lua)
    if [ "$kind" = spread ]; then dev="ARRAY(SELECT left(md5('bench-phone-' || floor(random() * 256)::int), 24) FROM generate_series(1, $BATCH))"
      addr="array_fill(left(md5('bench-address'), 24), ARRAY[$BATCH])"
    else dev="ARRAY(SELECT left(md5(random()::text), 24) FROM generate_series(1, $BATCH))"; addr="ARRAY(SELECT left(md5(random()::text), 24) FROM generate_series(1, $BATCH))"; fi
    cat > "$OUT/$f-$kind.sql" <<SQL
SELECT count(*) FROM (SELECT array_agg(t.target ORDER BY r.i) AS ts, array_agg(t.unit ORDER BY r.i) AS us,
                             array_agg(t.officer ORDER BY r.i) AS os, array_agg(t.city ORDER BY r.i) AS cs
                      FROM (SELECT i, 1 + floor(random() * $TARGETS_N)::int AS n FROM generate_series(1, $BATCH) i) r
                      JOIN bench_batch_target t ON t.n = r.n) b,
  LATERAL $fn(
  ARRAY(SELECT gen_random_uuid() FROM generate_series(1, $BATCH)),
  ARRAY(SELECT 'B' || substr(md5(random()::text), 1, 15) FROM generate_series(1, $BATCH)),
  b.ts, b.us, b.os,
  array_fill('SATISFIED'::text, ARRAY[$BATCH]), array_fill('{"duty":"SATISFIED","service":"SATISFIED","team":"DISSATISFIED"}'::text, ARRAY[$BATCH]),
  $comments, array_fill(NULL::text, ARRAY[$BATCH]), array_fill(false, ARRAY[$BATCH]),
  array_fill((extract(epoch FROM now()) * 1000)::bigint, ARRAY[$BATCH]), array_fill(current_date, ARRAY[$BATCH]),
  $dev, array_fill(NULL::text, ARRAY[$BATCH]), $addr, 3, 3, 50,
  array_fill(NULL::text, ARRAY[$BATCH]), b.cs$stripe);
SQL
    echo "$OUT/$f-$kind.sql"
    return 0
  fi
  if [ "$kind" = flagged ]; then dev="array_fill(left(md5('bench-device'), 24), ARRAY[$BATCH])"; addr="array_fill(left(md5('bench-address'), 24), ARRAY[$BATCH])"
  else dev="ARRAY(SELECT left(md5(random()::text), 24) FROM generate_series(1, $BATCH))"; addr="ARRAY(SELECT left(md5(random()::text), 24) FROM generate_series(1, $BATCH))"; fi
  cat > "$OUT/$f-$kind.sql" <<SQL
SELECT count(*) FROM $fn(
  ARRAY(SELECT gen_random_uuid() FROM generate_series(1, $BATCH)),
  ARRAY(SELECT 'B' || substr(md5(random()::text), 1, 15) FROM generate_series(1, $BATCH)),
  array_fill($TARGET::bigint, ARRAY[$BATCH]), array_fill($UNIT::bigint, ARRAY[$BATCH]), array_fill(NULL::bigint, ARRAY[$BATCH]),
  array_fill('SATISFIED'::text, ARRAY[$BATCH]), array_fill('{"duty":"SATISFIED","service":"SATISFIED"}'::text, ARRAY[$BATCH]),
  array_fill(NULL::text, ARRAY[$BATCH]), array_fill(NULL::text, ARRAY[$BATCH]), array_fill(false, ARRAY[$BATCH]),
  array_fill((extract(epoch FROM now()) * 1000)::bigint, ARRAY[$BATCH]), array_fill(current_date, ARRAY[$BATCH]),
  $dev, array_fill(NULL::text, ARRAY[$BATCH]), $addr, 3, 3, 50,
  array_fill(NULL::text, ARRAY[$BATCH]), array_fill($CITY::bigint, ARRAY[$BATCH])$stripe);
SQL
  echo "$OUT/$f-$kind.sql"
}
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
# CPU of the whole server (postmaster and every child; pgbench's backends come and go, so the postmaster's and the
# surviving children's counters are read, plus the children's time collected by the postmaster when they end)
pg_ticks() {
  local pm t=0 p v
  pm=$(head -1 "$DATA/postmaster.pid")
  for p in $pm $(pgrep -P "$pm"); do v=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || true); t=$(( t + ${v:-0} )); done
  echo $t
}
HZ=$(getconf CLK_TCK)
echo "| round | case | function | forms/s | server CPU µs per form |"
echo "|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  for kind in $CASES; do
    for f in $FUNCTIONS; do
      file=$(script "$f" "$kind")
      c0=$(pg_ticks)
      pgbench -n -h localhost -p "$PGPORT" -U postgres -c "${CLIENTS:-2}" -j "${CLIENTS:-2}" -T "$SECS" -f "$file" postgres > "$OUT/pgbench.txt" 2>&1 || true
      sleep 0.5; c1=$(pg_ticks)  # pgbench's backends reaped into the postmaster's children's counters
      tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
      n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
      forms=$(awk -v t="${tps:-0}" -v b="$BATCH" 'BEGIN { printf "%.0f", t * b }')
      cpu=$(awk -v d="$((c1 - c0))" -v n="${n:-0}" -v b="$BATCH" -v hz="$HZ" 'BEGIN { if (n > 0) printf "%.0f", d * 1e6 / hz / (n * b); else print "-" }')
      echo "| $round | $kind | $f | $forms | $cpu |"
    done
  done
done
echo "batch $BATCH forms per call, 2 clients, ${SECS}s each; $(nproc) cores; load average before $LOAD0, after $(cut -d' ' -f1-3 /proc/loadavg)"
