#!/usr/bin/env bash
# Open311 figures on a loaded city (run on purpose, alone on a quiet machine; not part of `mvn verify`):
#   bench/load-data.sh first (1,000,000 cases), then
#   bench/open311-bench.sh [get-requests=300] [post-connections=32] [post-seconds=30]
# The GETs come from bench/Open311Bench.java, the POSTs from wrk with bench/wrk/open311.lua (GENERATOR=java: from
# Open311Bench.java's threads, as before 2026-11-30; it costs ~1.3 ms of CPU per POST on the server's cores).
# Targets (issue 11): GET requests.json for 90 days < 300 ms p95; POST requests.json >= 500/s with every
# acknowledged request in the database (checked here, one by one, after the run).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/open311-lib.sh
GETS=${1:-300}; THREADS=${2:-32}; SECONDS_=${3:-30}
DATA=${BENCH_DATA_DIR:-/tmp/minyi-bench-pg}; PGPORT=${BENCH_PG_PORT:-54390}; PORT=${BENCH_PORT:-8090}
OUT=${BENCH_OUT:-/tmp/minyi-bench-out}
[ -f "$DATA/PG_VERSION" ] || { echo "no loaded database in $DATA: run bench/load-data.sh first"; exit 1; }
JAVA=$(ls -d /usr/lib/jvm/*/bin/java | while read -r j; do v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$j"; done | head -1)
[ -n "$JAVA" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
command -v psql >/dev/null || { echo "psql missing: apt-get install postgresql-client"; exit 1; }
mkdir -p "$OUT"
[ "${SKIP_BUILD:-}" = 1 ] || mvn -q -B -DskipTests package   # SKIP_BUILD=1 reuses target/'s jar
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP=$(cat target/bench-classpath.txt)
JAR=$(ls target/minyi-*.jar | grep -v original | head -1)
"$JAVA" -Xms1g -Xmx1g -jar "$JAR" --server.port="$PORT" --minyi.embedded-db.data-dir="$DATA" \
  --minyi.embedded-db.port="$PGPORT" --minyi.embedded-db.shared-buffers=512MB --minyi.embedded-db.startup-wait-seconds=900 \
  --minyi.blobs.dir="$DATA-blobs" --db-scheduler.enabled=false --minyi.demo.activity=none > "$OUT/open311-app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 $APP 2>/dev/null || { echo "app died; see $OUT/open311-app.log"; exit 1; }
  sleep 1
done
PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"
# The demo client (created at start when the demo city is loaded) gets a limit the load cannot hit.
KEY=${OPEN311_KEY:-demo-open311-key-Minyi2026}
$PSQL -c "UPDATE open311_client SET per_minute = 100000 WHERE name = '示范市 FixMyStreet'"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); cases: $($PSQL -c 'SELECT count(*) FROM cases')"
"$JAVA" -cp "$CP" bench/Open311Bench.java "http://localhost:$PORT" "$KEY" "$GETS" 0 0 "$OUT/open311-acked-get.txt" \
  | tee "$OUT/open311-bench.txt"
# The POSTs' own warm-up ($WARM s, 15 by default; the GETs above compile none of their code), then a wait until the
# listeners have caught up, so the measured seconds neither compile the POST's path nor inherit the warm-up's backlog.
WARM=${WARM:-15}
if [ "$WARM" -gt 0 ]; then
  post_load "http://localhost:$PORT" "$KEY" "$THREADS" "$WARM" "$OUT/open311-warm-acked.txt" "$OUT/open311-warm.txt"
  for _ in $(seq 1 600); do [ "$($PSQL -c 'SELECT count(*) FROM event_publication WHERE completion_date IS NULL')" = 0 ] && break; sleep 0.5; done
  echo "warm-up: $(grep -o 'acknowledged [0-9]* ([0-9]*/s)' "$OUT/open311-warm.txt" || echo none) for ${WARM} s, listeners caught up; load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/open311-bench.txt"
fi
post_load "http://localhost:$PORT" "$KEY" "$THREADS" "$SECONDS_" "$OUT/open311-acked.txt" "$OUT/open311-post.txt"
grep '^POST' "$OUT/open311-post.txt" | tee -a "$OUT/open311-bench.txt" || { cat "$OUT/open311-post.txt"; exit 1; }
echo "generator (${GENERATOR:-wrk}) CPU per acknowledged POST: $(awk -v c="$(cat "$OUT/open311-post.txt.cpu")" -v n="$(wc -l < "$OUT/open311-acked.txt")" 'BEGIN { if (n > 0) printf "%.3f ms", c * 1000 / n; else print "-" }')" | tee -a "$OUT/open311-bench.txt"
# What the POSTs left to the asynchronous listeners (supervision, reporting, dispute), and how long they took to catch up
LEFT=$($PSQL -c 'SELECT count(*) FROM event_publication WHERE completion_date IS NULL'); T0=$(date +%s.%N)
for _ in $(seq 1 1200); do [ "$($PSQL -c 'SELECT count(*) FROM event_publication WHERE completion_date IS NULL')" = 0 ] && break; sleep 0.5; done
echo "listeners: $LEFT publications waiting when the POSTs stopped, all completed $(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s later" | tee -a "$OUT/open311-bench.txt"
ACKED=$(wc -l < "$OUT/open311-acked.txt")
FOUND=$( (echo "CREATE TEMP TABLE acked (id bigint);"; echo "COPY acked FROM STDIN;"; cat "$OUT/open311-acked.txt"; echo '\.';
          echo "SELECT count(*) FROM acked a JOIN cases c ON c.id = a.id JOIN open311_request r ON r.case_id = c.id;") \
        | $PSQL)
echo "acknowledged $ACKED, found in the database $FOUND" | tee -a "$OUT/open311-bench.txt"
[ "$ACKED" = "$FOUND" ] || { echo "LOST REQUESTS"; exit 1; }
