#!/usr/bin/env bash
# Dashboard at scale: fills supervision's and reporting's projections and roll-ups with a year of 1,000,000 cases
# (COPY), then times GET /dashboard (p50/p95). Run on purpose; it is not part of `mvn verify`.
#   bench/dashboard-bench.sh [cases=1000000] [requests=210]
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-1000000}
REQUESTS=${2:-210}
PORT=${BENCH_PORT:-8084}
PGPORT=${BENCH_PGPORT:-54329}
DATA=${BENCH_DATA:-/tmp/supervision-bench-pg}

mvn -q -B compile >/dev/null
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
JAVA=$( (ls -d /usr/lib/jvm/*21*/bin/java /usr/lib/jvm/*2[2-9]*/bin/java 2>/dev/null || true) | head -1)
JAVA=${JAVA:-java}

"$JAVA" -Xmx1g -cp "target/classes:$(cat target/bench.cp)" io.minyi.MinyiApplication \
  --server.port="$PORT" --minyi.embedded-db.data-dir="$DATA" --minyi.embedded-db.port="$PGPORT" \
  --db-scheduler.enabled=false > target/bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
"$JAVA" -Xmx3g -cp "$(cat target/bench.cp)" bench/DashboardBench.java \
  "jdbc:postgresql://localhost:$PGPORT/postgres" "http://localhost:$PORT" "$CASES" "$REQUESTS"
