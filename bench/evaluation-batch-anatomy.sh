#!/usr/bin/env bash
# What one stored evaluation costs PostgreSQL inside the writer's batch function (issue 14, decision 0049; on purpose):
#   bench/evaluation-batch-anatomy.sh DATA_DIR [seconds=10] [batch=15] [clients="1 2"]
# Runs bench/evaluation-batch-ab.sh's "spread" case (each form on a random active code, one of 256 phones, one
# address) against the PostgreSQL already running on $PGPORT over DATA_DIR (e.g. the app's embedded one while the app
# idles), once per number of clients (the app has 2 writers) with $FUNCTION (default evaluation_intake_batch; see
# evaluation-batch-ab.sh for "evaluation_intake_batch+stripe"), and prints for each: forms/s, the server's CPU per form,
# the WAL it wrote per form by record type (pg_walinspect), and where the clients' backends were when sampled every
# 20 ms (on CPU, or waiting: for a row lock held by the other writer's open transaction, for the WAL flush, ...).
# With pg_stat_statements preloaded (shared_preload_libraries='pg_stat_statements', pg_stat_statements.track=all in
# DATA_DIR/postgresql.auto.conf before the server starts) it also prints the function's inner statements by time.
set -euo pipefail
DATA=$1; SECS=${2:-10}; BATCH=${3:-15}; CLIENTS=${4:-1 2}
PGPORT=${PGPORT:-54498}
OUT=${BENCH_OUT:-/tmp/minyi-batch-ab}; mkdir -p "$OUT"
PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"
cd "$(dirname "$0")/.."
$PSQL -c "CREATE EXTENSION IF NOT EXISTS pg_walinspect" > /dev/null
STATEMENTS=$($PSQL -c "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'" 2>/dev/null || echo 0)
if [ "$STATEMENTS" = 0 ] && $PSQL -c "SHOW shared_preload_libraries" | grep -q pg_stat_statements; then
  $PSQL -c "CREATE EXTENSION pg_stat_statements" > /dev/null; STATEMENTS=1
fi
for c in $CLIENTS; do
  [ "$STATEMENTS" = 1 ] && $PSQL -c "SELECT pg_stat_statements_reset()" > /dev/null
  # the sampler: every backend running the batch function, its wait event (or CPU) every 20 ms
  : > "$OUT/waits-$c.txt"
  ( while :; do
      $PSQL -c "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity
                WHERE state = 'active' AND query LIKE '%evaluation_intake_batch%' AND pid <> pg_backend_pid()" >> "$OUT/waits-$c.txt" 2>/dev/null || true
      sleep 0.02
    done ) &
  SAMPLER=$!
  L0=$($PSQL -c "SELECT pg_current_wal_lsn()")
  line=$(PGPORT=$PGPORT FUNCTIONS=${FUNCTION:-evaluation_intake_batch} CASES=${CASES:-spread} BENCH_OUT=$OUT CLIENTS=$c \
         bench/evaluation-batch-ab.sh "$DATA" "$SECS" 1 "$BATCH" | grep '^| 1 ')
  L1=$($PSQL -c "SELECT pg_current_wal_lsn()")
  kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true
  forms=$(awk -F'|' '{gsub(/ /, "", $5); print $5}' <<< "$line"); cpu=$(awk -F'|' '{gsub(/ /, "", $6); print $6}' <<< "$line")
  n=$(awk -v f="$forms" -v s="$SECS" 'BEGIN { printf "%.0f", f * s }')
  echo "## $c client(s): $forms forms/s, server CPU $cpu µs per form (batch $BATCH, ${SECS}s, load $(cut -d' ' -f1 /proc/loadavg))"
  echo "WAL per form (from $L0 to $L1, about $n forms):"
  $PSQL -F $'\t' -c "SELECT \"resource_manager/record_type\", round(count::numeric / $n, 2), round((record_size + fpi_size)::numeric / $n)
                     FROM pg_get_wal_stats('$L0', '$L1', true) WHERE count > 0 ORDER BY count DESC LIMIT 12" |
    awk -F'\t' '{ printf "  %-24s %6s records %6s bytes\n", $1, $2, $3 }'
  $PSQL -F $'\t' -c "SELECT round(sum(count)::numeric / $n, 1), round(sum(record_size + fpi_size)::numeric / $n), round(sum(fpi_size)::numeric / $n)
                     FROM pg_get_wal_stats('$L0', '$L1', false)" | awk -F'\t' '{ printf "  all: %s records, %s bytes (of which full-page images %s)\n", $1, $2, $3 }'
  echo "batch backends sampled every 20 ms:"
  sort "$OUT/waits-$c.txt" | uniq -c | sort -rn | awk -v t="$(wc -l < "$OUT/waits-$c.txt")" '{ printf "  %5.1f %%  %s\n", 100 * $1 / t, $2 }' | head -8
  if [ "$STATEMENTS" = 1 ]; then
    echo "inner statements (pg_stat_statements, ms per call):"
    $PSQL -F $'\t' -c "SELECT calls, round((total_exec_time / calls)::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 70)
                       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' AND calls > 10 ORDER BY total_exec_time DESC LIMIT 6" |
      awk -F'\t' '{ printf "  %8s calls %8s ms  %s\n", $1, $2, $3 }'
  fi
done
