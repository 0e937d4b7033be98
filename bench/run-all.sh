#!/usr/bin/env bash
# All load figures on the database bench/load-data.sh filled (run on purpose; not part of `mvn verify`):
#   bench/run-all.sh [rate=2000] [seconds=30] [warmup=10] [page-requests=200]
# Packages the app once, starts the jar on $BENCH_DATA_DIR (default /tmp/minyi-bench-pg), then in turn:
#   1. evaluation submissions at a fixed arrival rate (open loop, bench/EvaluationLoad.java) + pgbench baseline
#   2. pool page (city and county dispatcher), 3. case page with its duplicate suggestions,
#   4. dashboard (city and county, a year), 5. daily report generation for the city,
# and samples the app's peak RSS (VmHWM, reset between phases through /proc/<pid>/clear_refs) during each.
# Each phase prints one table: metric | value | baseline | ratio. Wrap it in `flock /tmp/minyi-bench.lock` on a
# shared machine. Needs a JDK 21+ under /usr/lib/jvm, pgbench and psql (Debian postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-2000}; SECONDS_=${2:-30}; WARMUP=${3:-10}; REQUESTS=${4:-200}
DATA=${BENCH_DATA_DIR:-/tmp/minyi-bench-pg}; PGPORT=${BENCH_PG_PORT:-54390}; PORT=${BENCH_PORT:-8090}
OUT=${BENCH_OUT:-/tmp/minyi-bench-out}
[ -f "$DATA/PG_VERSION" ] || { echo "no loaded database in $DATA: run bench/load-data.sh first"; exit 1; }
JAVA=$(ls -d /usr/lib/jvm/*/bin/java | while read -r j; do v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$j"; done | head -1)
[ -n "$JAVA" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
command -v pgbench >/dev/null && command -v psql >/dev/null || { echo "pgbench/psql missing: apt-get install postgresql-client"; exit 1; }
mkdir -p "$OUT"

mvn -q -B -DskipTests package
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP=$(cat target/bench-classpath.txt)
JAR=$(ls target/minyi-*.jar | grep -v original | head -1)

# The scheduler stays off: its overdue/reminder sweep over a freshly loaded year would run during the measurements.
"$JAVA" -Xms1g -Xmx1g -jar "$JAR" --server.port="$PORT" --minyi.embedded-db.data-dir="$DATA" \
  --minyi.embedded-db.port="$PGPORT" --minyi.embedded-db.shared-buffers=512MB --minyi.embedded-db.startup-wait-seconds=900 --minyi.blobs.dir="$DATA-blobs" \
  --minyi.evaluation.rate-limit.per-address=100000000 --minyi.lookups.per-address=100000000 --db-scheduler.enabled=false \
  --logging.level.org.springframework.context.support.ResourceBundleMessageSource=ERROR > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
T0=$(date +%s)
for _ in $(seq 1 600); do
  curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 $APP 2>/dev/null || { echo "app died; see $OUT/app.log"; exit 1; }
  sleep 1
done
curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null || { echo "app not ready; see $OUT/app.log"; exit 1; }
BASE="http://localhost:$PORT"
PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"

kb() { awk -v k="$1" '$1 == k":" {print $2}' /proc/$APP/status; }
IDLE_KB=$(kb VmRSS)
# 5 resets VmHWM to the current RSS (Linux >= 4.0), so each phase's peak is its own
peak_reset() { echo 5 > /proc/$APP/clear_refs 2>/dev/null || true; }
mb() { awk -v v="$1" 'BEGIN { printf "%.0f", v / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
row() { printf '| %-66s | %13s | %12s | %7s |\n' "$1" "$2" "$3" "$4"; }
header() {
  echo; echo "## $1  (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  row metric value baseline ratio
  echo "|--------------------------------------------------------------------|---------------|--------------|---------|"
}
rss_row() { local p; p=$(kb VmHWM); row "app peak RSS during the phase (MB; baseline idle)" "$(mb "$p")" "$(mb "$IDLE_KB")" "$(ratio "$p" "$IDLE_KB")"; }

echo "Minyi benchmarks $(date -u +%FT%TZ) — $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "app ready after $(( $(date +%s) - T0 )) s (duplicate index rebuilt from the open cases); data: $($PSQL -c "SELECT to_char(count(*), 'FM9,999,999,999') FROM evaluation") evaluations, $($PSQL -c "SELECT to_char(count(*), 'FM9,999,999,999') FROM cases") cases; app RSS idle $(mb "$IDLE_KB") MB"

# the loaded totals must be what the app itself would have kept: evaluations against their daily running totals,
# cases against the city's roll-up and the supervision projection
echo "consistency: evaluations $($PSQL -c "SELECT count(*) FROM evaluation") = daily totals (kept + flagged) $($PSQL -c "SELECT sum(evaluations + flagged) FROM evaluation_daily") = monthly totals $($PSQL -c "SELECT sum(evaluations + flagged) FROM evaluation_unit_monthly");" \
  "cases $($PSQL -c "SELECT count(*) FROM cases") = city roll-up received $($PSQL -c "SELECT sum(received) FROM case_rollup_daily WHERE jurisdiction_id = (SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1)")" \
  "= supervised $($PSQL -c "SELECT count(*) FROM supervised_case")"

# ---- 1. evaluation submissions -------------------------------------------------------------------------------------
$PSQL -c "SELECT code FROM evaluation_target WHERE active" > "$OUT/codes.txt"
peak_reset
"$JAVA" bench/EvaluationLoad.java "$BASE" "$OUT/codes.txt" "$RATE" "$SECONDS_" "$WARMUP" "$OUT/acked.txt" > "$OUT/evaluation-load.txt" 2>&1
LOAD_EVAL=$(cut -d' ' -f1-3 /proc/loadavg)
EVAL_PEAK=$(kb VmHWM)
LINE=$(grep '^ACKED' "$OUT/evaluation-load.txt") || { cat "$OUT/evaluation-load.txt"; exit 1; }
read -r _ ACKED _ TPS _ P99 _ P50 _ P999 _ ERRORS <<< "$LINE"
$PSQL -c "CREATE TEMP TABLE acked (k uuid)" -c "\\copy acked FROM '$OUT/acked.txt'" \
      -c "SELECT count(*) FROM acked a JOIN evaluation e ON e.idempotency_key = a.k" > "$OUT/found.txt"
FOUND=$(tail -1 "$OUT/found.txt")
$PSQL -c "DROP TABLE IF EXISTS bench_evaluation_baseline" -c "CREATE TABLE bench_evaluation_baseline (LIKE evaluation INCLUDING ALL)"
cat > "$OUT/insert.sql" <<'SQL'
\set t random(1, 3000)
INSERT INTO bench_evaluation_baseline (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall, ratings, comment, phone, has_clue, submitted_at, day, city_id)
VALUES (gen_random_uuid(), substr(md5(random()::text), 1, 10), :t, 1, :t, 'SATISFIED', '{"duty": "SATISFIED"}', NULL, NULL, false, now(), current_date, 1);
SQL
pgbench -n -h localhost -p "$PGPORT" -U postgres -c 32 -j 2 -T "$SECONDS_" -f "$OUT/insert.sql" postgres > "$OUT/pgbench.txt" 2>&1
PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
$PSQL -c "DROP TABLE bench_evaluation_baseline"
header "Evaluation submissions: open loop at $RATE/s for ${SECONDS_}s after ${WARMUP}s warm-up (right after the load: $LOAD_EVAL; then pgbench)"
row "acknowledged evaluations/s (baseline: target)" "$TPS" "2000" "$(ratio "$TPS" 2000)"
row "acknowledged evaluations/s (baseline: pgbench 1-row INSERTs/s)" "$TPS" "${PG_TPS%.*}" "$(ratio "$TPS" "$PG_TPS")"
row "p50 latency ms" "$P50" "" ""
row "p99 latency ms (baseline: target)" "$P99" "100" "$(ratio "$P99" 100)"
row "p99.9 latency ms" "$P999" "" ""
row "errors" "$ERRORS" "0" ""
row "acknowledged and found in the database (baseline: acked)" "$FOUND" "$ACKED" "$(ratio "$FOUND" "$ACKED")"
row "app peak RSS during the phase (MB; baseline idle)" "$(mb "$EVAL_PEAK")" "$(mb "$IDLE_KB")" "$(ratio "$EVAL_PEAK" "$IDLE_KB")"

# ---- pages: one user at a time, p95 against an interactive budget of 1 s --------------------------------------------
pages() { # title user budget-ms spec...
  local title=$1 user=$2 budget=$3; shift 3
  peak_reset
  "$JAVA" -cp "$CP" bench/PageTimer.java "$BASE" "$user" "${PAGE_WARMUP:-10}" "$REQUESTS" "$@" > "$OUT/pages.txt" 2>&1 || { cat "$OUT/pages.txt"; exit 1; }
  header "$title"
  grep '^ROW ' "$OUT/pages.txt" | sed 's/^ROW //' | while IFS='|' read -r label n p50 p95 p99 max; do
    row "$label: p50 ms (n=$n)" "$p50" "" ""
    row "$label: p95 ms (baseline: budget)" "$p95" "$budget" "$(ratio "$p95" "$budget")"
    row "$label: p99 / max ms" "$p99 / $max" "" ""
  done
  rss_row
}
CITY=$($PSQL -c "SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1")
COUNTIES=$($PSQL -c "SELECT string_agg(id::text, ' ' ORDER BY code) FROM jurisdiction WHERE parent_id = $CITY")
COUNTY1=${COUNTIES%% *}
pages "Pool page ($($PSQL -c "SELECT to_char(count(*), 'FM9,999,999') FROM cases") cases)" dispatcher 1000 \
  "pool, city dispatcher, newest 20|GET|/pool" \
  "pool, city: county + SIGNED + overdue, pages 1-3|GET|/pool?jurisdictionId=$COUNTY1&state=SIGNED&overdue=true /pool?jurisdictionId=$COUNTY1&state=SIGNED&overdue=true&page=2 /pool?jurisdictionId=$COUNTY1&state=DISPATCHED&overdue=true&page=3" \
  "pool, city: text search|GET|/pool?q=%E5%99%AA%E9%9F%B3 /pool?q=%E8%B7%AF%E7%81%AF"
OPEN_IDS=$($PSQL -c "SELECT string_agg('/cases/' || id, ' ') FROM (SELECT id FROM cases WHERE state IN ('DISPATCHED','SIGNED','REOPENED') ORDER BY md5(id::text) LIMIT 50) x")
pages "Duplicate suggestions: case page of an open case (its ledger + 5 similar open cases from Lucene)" dispatcher 1000 \
  "case page with duplicate suggestions|GET|$OPEN_IDS"
FROM=$(date -d '364 days ago' +%F)
COUNTY_URLS=$(for j in $COUNTIES; do printf '/dashboard?from=%s&j=%s ' "$FROM" "$j"; done)
pages "Dashboard: a year" leader 1000 \
  "dashboard, city, a year|GET|/dashboard?from=$FROM&j=$CITY" \
  "dashboard, each county, a year|GET|$COUNTY_URLS"
DAYS=$(for d in 1 2 3 4 5 6 7; do printf '/reports/daily/generate?j=%s&day=%s ' "$CITY" "$(date -d "$d days ago" +%F)"; done)
# regenerating a day gives the same report; 1 warm-up, then each of the last 7 days once
REQUESTS=7 PAGE_WARMUP=1 pages "Daily report: generate one day for the city (all levels below it)" supervisor 60000 \
  "daily report, city, one day|POST|$DAYS|/reports/daily"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); files in $OUT"
