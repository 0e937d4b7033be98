#!/usr/bin/env bash
# Where the CPU of Open311 POST requests.json goes (issue 11; run on purpose, not part of `mvn verify`):
#   bench/profile-open311.sh [post-threads=32] [post-seconds=60] [get-requests=20]
# Starts the app as bench/open311-bench.sh does (loaded database from bench/load-data.sh) with a flight recording
# (JFR, settings=profile), drives bench/Open311Bench.java, then prints the app JVM's CPU per acknowledged request and
# bench/jfr-open311.py's tables: CPU samples by thread group, and the request threads' samples by step of the POST.
# Shares are meaningful on a loaded machine too; the absolute rate is not (use bench/open311-bench.sh alone for that).
# SKIP_BUILD=1 reuses target/'s jar; BENCH_PORT (default 8093) keeps it apart from open311-bench.sh's 8090.
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${1:-32}; SECONDS_=${2:-60}; GETS=${3:-20}
DATA=${BENCH_DATA_DIR:-/tmp/minyi-bench-pg}; PGPORT=${BENCH_PG_PORT:-54390}; PORT=${BENCH_PORT:-8093}
OUT=${BENCH_OUT:-/tmp/minyi-bench-out}
[ -f "$DATA/PG_VERSION" ] || { echo "no loaded database in $DATA: run bench/load-data.sh first"; exit 1; }
JDK=$(ls -d /usr/lib/jvm/* | while read -r d; do v=$("$d/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$d"; done | head -1)
[ -n "$JDK" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -q -B -DskipTests package
  mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
fi
CP=$(cat target/bench-classpath.txt)
JAR=${JAR:-$(ls target/minyi-*.jar | grep -v original | head -1)}
"$JDK/bin/java" -Xms1g -Xmx1g -XX:FlightRecorderOptions:stackdepth=256 -jar "$JAR" --server.port="$PORT" \
  --minyi.embedded-db.data-dir="$DATA" --minyi.embedded-db.port="$PGPORT" --minyi.embedded-db.shared-buffers=512MB \
  --minyi.embedded-db.startup-wait-seconds=900 --minyi.blobs.dir="$DATA-blobs" --db-scheduler.enabled=false \
  --minyi.demo.activity=none ${APP_ARGS:-} > "$OUT/open311-profile-app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do
  curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 $APP 2>/dev/null || { echo "app died; see $OUT/open311-profile-app.log"; exit 1; }
  sleep 1
done
PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"
KEY=${OPEN311_KEY:-demo-open311-key-Minyi2026}
$PSQL -c "UPDATE open311_client SET per_minute = 100000 WHERE name = '示范市 FixMyStreet'"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# a short warm-up (JIT, pools) that the recording does not see
"$JDK/bin/java" -cp "$CP" bench/Open311Bench.java "http://localhost:$PORT" "$KEY" 0 "$THREADS" 10 "$OUT/open311-warm.txt" >/dev/null
"$JDK/bin/jcmd" $APP JFR.start name=open311 settings=profile >/dev/null
CPU0=$(awk '{print $14 + $15}' "/proc/$APP/stat")
# PostgreSQL's CPU too (the postmaster, its live children, and the children that ended): the database shares the cores
PGPID=$(head -1 "$DATA/postmaster.pid")
pgcpu() { { awk '{print $14 + $15 + $16 + $17}' "/proc/$PGPID/stat"; for c in $(pgrep -P "$PGPID"); do
  awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null; done; } | awk '{s += $1} END {print s}'; }
PG0=$(pgcpu)
cat /proc/$APP/task/*/stat > "$OUT/open311-threads-before.txt" 2>/dev/null || true
"$JDK/bin/java" -cp "$CP" bench/Open311Bench.java "http://localhost:$PORT" "$KEY" "$GETS" "$THREADS" "$SECONDS_" \
  "$OUT/open311-profile-acked.txt" | tee "$OUT/open311-profile.txt"
CPU1=$(awk '{print $14 + $15}' "/proc/$APP/stat")
PG1=$(pgcpu)
cat /proc/$APP/task/*/stat > "$OUT/open311-threads-after.txt" 2>/dev/null || true
"$JDK/bin/jcmd" $APP JFR.stop name=open311 filename="$OUT/open311.jfr" >/dev/null
N=$(wc -l < "$OUT/open311-profile-acked.txt")
echo "app JVM CPU per acknowledged POST (GETs included, $GETS of them): $(awk -v t="$((CPU1 - CPU0))" -v n="$N" \
  -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.2f ms (%d requests)", t * 1000 / hz / n, n }'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL CPU per acknowledged POST: $(awk -v t="$((PG1 - PG0))" -v n="$N" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { if (n > 0) printf "%.2f ms", t * 1000 / hz / n }') (the backends' work, ended ones included; the listeners' too)"
echo "event publications not completed at the end: $($PSQL -c 'SELECT count(*) FROM event_publication WHERE completion_date IS NULL')"
"$JDK/bin/jfr" print --events jdk.ExecutionSample --stack-depth 256 "$OUT/open311.jfr" > "$OUT/open311.samples.txt"
python3 bench/jfr-open311.py "$OUT/open311.samples.txt" "$OUT/open311-threads-before.txt" "$OUT/open311-threads-after.txt"
