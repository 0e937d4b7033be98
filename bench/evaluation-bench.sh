#!/usr/bin/env bash
# Submission-path benchmark (run on purpose; not part of mvn verify).
#   bench/evaluation-bench.sh [rates="2000"] [seconds=30] [warmup=10]     e.g. bench/evaluation-bench.sh "500 1000 2000" 20 10
# Starts Minyi with its embedded PostgreSQL on port 8083 (fresh data dir), offers evaluations at a fixed rate with an
# open-loop generator on the same machine, checks that every acknowledged evaluation is in the database, then runs a
# pgbench baseline of single-row inserts (one commit each) into a table of the same shape on the same database, and
# prints the ratio.
# Environment: APP_JAVA_OPTS (JVM flags of the application; default below), JFR=file.jfr (record a flight recording of
# the application for profiling), SKIP_BUILD=1 (use the jar already in target/, or JAR=path), NO_PGBENCH=1 (application only).
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${1:-2000}; SECONDS_=${2:-30}; WARMUP=${3:-10}
PORT=8083; PGPORT=54383; DATA=/tmp/evaluation-bench-pg; OUT=/tmp/evaluation-bench
JAVA=$(ls -d /usr/lib/jvm/*/bin/java | while read -r j; do v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$j"; done | head -1)
[ -n "$JAVA" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench missing: apt-get install postgresql-client"; exit 1; }
mkdir -p "$OUT"; rm -rf "$DATA"

[ "${SKIP_BUILD:-}" = 1 ] || mvn -q -B package -DskipTests
JAR=${JAR:-$(ls target/minyi-*.jar | grep -v original | head -1)}

# A fixed 1 GB heap; everything the hot path allocates is short-lived (multipart parsing allocated the most).
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms1g -Xmx1g}
[ -n "${JFR:-}" ] && APP_JAVA_OPTS="$APP_JAVA_OPTS -XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true"
echo "application JVM: $APP_JAVA_OPTS"
# shellcheck disable=SC2086
"$JAVA" $APP_JAVA_OPTS -jar "$JAR" --server.port=$PORT --minyi.embedded-db.data-dir=$DATA --minyi.embedded-db.port=$PGPORT \
  --minyi.evaluation.rate-limit.per-address=100000000 --minyi.lookups.per-address=100000000 \
  --logging.level.org.springframework.context.support.ResourceBundleMessageSource=ERROR \
  > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for i in $(seq 1 180); do
  curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://localhost:$PORT/actuator/health" >/dev/null || { echo "app did not start; see $OUT/app.log"; exit 1; }

PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"
for i in $(seq 1 60); do [ "$($PSQL -c 'SELECT count(*) FROM evaluation_target WHERE active')" -gt 0 ] && break; sleep 1; done
$PSQL -c "SELECT code FROM evaluation_target WHERE active" > "$OUT/codes.txt"
BEFORE=$($PSQL -c "SELECT count(*) FROM evaluation")

ALL_ACKED=0; ALL_FOUND=0; SUMMARY=""
for RATE in $RATES; do
  echo "== application: open-loop $RATE evaluations/s for ${SECONDS_}s (after ${WARMUP}s warm-up) =="
  CPU0=$(awk '{print $14 + $15}' /proc/$APP/stat)
  "$JAVA" bench/EvaluationLoad.java "http://localhost:$PORT" "$OUT/codes.txt" "$RATE" "$SECONDS_" "$WARMUP" "$OUT/acked.txt" | grep -v 'error sample' | tee "$OUT/load-$RATE.txt"
  CPU1=$(awk '{print $14 + $15}' /proc/$APP/stat)
  $PSQL -c "CREATE TEMP TABLE acked (k uuid)" -c "\\copy acked FROM '$OUT/acked.txt'" \
        -c "SELECT count(*) FROM acked a JOIN evaluation e ON e.idempotency_key = a.k" > "$OUT/found.txt"
  ACKED=$(wc -l < "$OUT/acked.txt"); FOUND=$(tail -1 "$OUT/found.txt")
  ALL_ACKED=$((ALL_ACKED + ACKED)); ALL_FOUND=$((ALL_FOUND + FOUND))
  LINE=$(grep '^ACKED' "$OUT/load-$RATE.txt")
  TPS=$(echo "$LINE" | awk '{print $4}'); P50=$(echo "$LINE" | awk '{print $8}'); P99=$(echo "$LINE" | awk '{print $6}'); P999=$(echo "$LINE" | awk '{print $10}'); ERR=$(echo "$LINE" | awk '{print $12}')
  CPUMS=$(awk -v t="$((CPU1 - CPU0))" -v n="$(( (SECONDS_ + WARMUP) * RATE ))" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')
  SUMMARY="$SUMMARY$(printf '| %6s | %8s | %8.1f | %8.1f | %8.1f | %6s | %8s | %8s | %8s |' "$RATE" "$TPS" "$P50" "$P99" "$P999" "$ERR" "$ACKED" "$FOUND" "$CPUMS")\n"
done

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "${NO_PGBENCH:-}" = 1 ]; then
  echo "Load average after the application runs: $LOAD"
  echo "| offered/s | acked/s | p50 ms | p99 ms | p99.9 ms | errors | acked | in DB | app JVM CPU ms/eval |"
  printf "$SUMMARY"
  [ "$ALL_ACKED" = "$ALL_FOUND" ] && echo "every acknowledged evaluation ($ALL_ACKED) is committed" || echo "MISSING: $((ALL_ACKED - ALL_FOUND))"
  exit 0
fi
echo "== pgbench baseline: single-row INSERT per transaction into a table shaped like evaluation =="
$PSQL -c "DROP TABLE IF EXISTS bench_evaluation_baseline" -c "CREATE TABLE bench_evaluation_baseline (LIKE evaluation INCLUDING ALL)"
cat > "$OUT/insert.sql" <<'SQL'
\set t random(1, 3000)
INSERT INTO bench_evaluation_baseline (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall, ratings, comment, phone, has_clue, submitted_at, day, city_id)
VALUES (gen_random_uuid(), substr(md5(random()::text), 1, 10), :t, 1, :t, 'SATISFIED', '{"duty": "SATISFIED"}', NULL, NULL, false, now(), current_date, 1);
SQL
PGPASSWORD= pgbench -n -h localhost -p $PGPORT -U postgres -c 32 -j 2 -T "$SECONDS_" -f "$OUT/insert.sql" postgres > "$OUT/pgbench.txt" 2>&1
echo "== pgbench: the application's storage path alone, evaluation_intake_batch with 100 evaluations per call, 2 clients (= 2 writers) =="
cat > "$OUT/batch.sql" <<'SQL'
\set t random(1, 3000)
SELECT count(*) FROM evaluation_intake_batch(
  ARRAY(SELECT gen_random_uuid() FROM generate_series(1, 100)),
  ARRAY(SELECT 'B' || substr(md5(random()::text), 1, 15) FROM generate_series(1, 100)),
  array_fill(:t::bigint, ARRAY[100]), array_fill(1::bigint, ARRAY[100]), array_fill(NULL::bigint, ARRAY[100]),
  array_fill('SATISFIED'::text, ARRAY[100]), array_fill('{"duty":"SATISFIED"}'::text, ARRAY[100]),
  array_fill(NULL::text, ARRAY[100]), array_fill(NULL::text, ARRAY[100]), array_fill(false, ARRAY[100]),
  array_fill((extract(epoch FROM now()) * 1000)::bigint, ARRAY[100]), array_fill(current_date, ARRAY[100]),
  ARRAY(SELECT left(md5(random()::text), 24) FROM generate_series(1, 100)), array_fill(NULL::text, ARRAY[100]),
  array_fill(left(md5('bench-address'), 24), ARRAY[100]), 3, 3, 1000000000, array_fill(NULL::text, ARRAY[100]),
  array_fill(1::bigint, ARRAY[100]));
SQL
PGPASSWORD= pgbench -n -h localhost -p $PGPORT -U postgres -c 2 -j 2 -T "$SECONDS_" -f "$OUT/batch.sql" postgres > "$OUT/pgbench-batch.txt" 2>&1
BATCH_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench-batch.txt" | head -1)
BATCH_LAT=$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' "$OUT/pgbench-batch.txt" | head -1)
PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
PG_LAT=$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)

echo
echo "Machine: $(nproc) cores, load average after the application runs: $LOAD (other processes share the cores)"
echo "| offered/s | acked/s | p50 ms | p99 ms | p99.9 ms | errors | acked | in DB | app JVM CPU ms/eval |"
echo "|--------|----------|----------|----------|----------|--------|----------|----------|----------|"
printf "$SUMMARY"
echo
printf "| pgbench single-row INSERT, one commit each (32 clients) | %s tps, avg %s ms |\n" "$PG_TPS" "$PG_LAT"
BEST=$(printf "$SUMMARY" | awk -F'|' '{gsub(/ /,"",$3); if ($3+0 > m) m = $3+0} END {print m+0}')
printf "| ratio best application throughput / pgbench             | %s |\n" "$(awk -v a="$BEST" -v b="$PG_TPS" 'BEGIN { printf "%.2f", a / b }')"
printf "| storage path alone: evaluation_intake_batch, 100 per call, 2 clients | %s evaluations/s (%s calls/s, avg %s ms per call) |\n" "$(awk -v b="$BATCH_TPS" 'BEGIN { printf "%.0f", b * 100 }')" "$BATCH_TPS" "$BATCH_LAT"
printf "| ratio storage path / pgbench single-row inserts                     | %s |\n" "$(awk -v a="$BATCH_TPS" -v b="$PG_TPS" 'BEGIN { printf "%.2f", a * 100 / b }')"
[ "$ALL_ACKED" = "$ALL_FOUND" ] && echo "every acknowledged evaluation ($ALL_ACKED) is committed" || echo "MISSING: $((ALL_ACKED - ALL_FOUND)) acknowledged evaluations not in the database"
