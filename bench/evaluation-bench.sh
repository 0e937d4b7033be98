#!/usr/bin/env bash
# Submission-path benchmark (run on purpose; not part of mvn verify).
#   bench/evaluation-bench.sh [rate=2000] [seconds=30] [warmup=10]
# Starts Minyi with its embedded PostgreSQL on port 8083 (fresh data dir), offers evaluations at a fixed rate with an
# open-loop generator on the same machine, checks that every acknowledged evaluation is in the database, then runs a
# pgbench baseline of single-row inserts (one commit each) into a table of the same shape on the same database, and
# prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-2000}; SECONDS_=${2:-30}; WARMUP=${3:-10}
PORT=8083; PGPORT=54383; DATA=/tmp/evaluation-bench-pg; OUT=/tmp/evaluation-bench
JAVA=$(ls -d /usr/lib/jvm/*/bin/java | while read -r j; do v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$j"; done | head -1)
[ -n "$JAVA" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench missing: apt-get install postgresql-client"; exit 1; }
mkdir -p "$OUT"; rm -rf "$DATA"

mvn -q -B package -DskipTests
JAR=$(ls target/minyi-*.jar | grep -v original | head -1)

"$JAVA" -Xms1g -Xmx1g -jar "$JAR" --server.port=$PORT --minyi.embedded-db.data-dir=$DATA --minyi.embedded-db.port=$PGPORT \
  --minyi.evaluation.rate-limit.per-address=100000000 \
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

echo "== application: open-loop $RATE evaluations/s for ${SECONDS_}s (after ${WARMUP}s warm-up) =="
"$JAVA" bench/EvaluationLoad.java "http://localhost:$PORT" "$OUT/codes.txt" "$RATE" "$SECONDS_" "$WARMUP" "$OUT/acked.txt" | tee "$OUT/load.txt"

$PSQL -c "CREATE TEMP TABLE acked (k uuid)" -c "\\copy acked FROM '$OUT/acked.txt'" \
      -c "SELECT count(*) FROM acked a JOIN evaluation e ON e.idempotency_key = a.k" > "$OUT/found.txt"
ACKED=$(wc -l < "$OUT/acked.txt"); FOUND=$(tail -1 "$OUT/found.txt")
APP_TPS=$(sed -n 's/^ACKED [0-9]* THROUGHPUT \([0-9]*\).*/\1/p' "$OUT/load.txt")

echo "== pgbench baseline: single-row INSERT per transaction into a table shaped like evaluation =="
$PSQL -c "DROP TABLE IF EXISTS bench_evaluation_baseline" -c "CREATE TABLE bench_evaluation_baseline (LIKE evaluation INCLUDING ALL)"
cat > "$OUT/insert.sql" <<'SQL'
\set t random(1, 3000)
INSERT INTO bench_evaluation_baseline (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall, ratings, comment, phone, has_clue, submitted_at, day)
VALUES (gen_random_uuid(), substr(md5(random()::text), 1, 10), :t, 1, :t, 'SATISFIED', '{"duty": "SATISFIED"}', NULL, NULL, false, now(), current_date);
SQL
PGPASSWORD= pgbench -n -h localhost -p $PGPORT -U postgres -c 32 -j 2 -T "$SECONDS_" -f "$OUT/insert.sql" postgres > "$OUT/pgbench.txt" 2>&1
PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
PG_LAT=$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)

echo
echo "| result                                         | value        |"
echo "|------------------------------------------------|--------------|"
printf "| evaluations acknowledged (measured phase)      | %12s |\n" "$ACKED"
printf "| of those found committed in the database       | %12s |\n" "$FOUND"
printf "| rows added by the whole run (incl. warm-up)    | %12s |\n" "$(( $($PSQL -c 'SELECT count(*) FROM evaluation') - BEFORE ))"
printf "| application throughput (acked evaluations/s)   | %12s |\n" "$APP_TPS"
printf "| pgbench single-row inserts (tps, 32 clients)   | %12s |\n" "$PG_TPS"
printf "| pgbench average latency (ms)                   | %12s |\n" "$PG_LAT"
printf "| ratio application / pgbench                    | %12s |\n" "$(awk -v a="$APP_TPS" -v b="$PG_TPS" 'BEGIN { printf "%.2f", a / b }')"
[ "$ACKED" = "$FOUND" ] && echo "every acknowledged evaluation is committed" || echo "MISSING: $((ACKED - FOUND)) acknowledged evaluations not in the database"
