#!/usr/bin/env bash
# Grid worker at scale: fills 10,000 grids and 1,000,000 grid events (COPY), then times the worker's home GET /grid
# (p50/p95/max) and delivers 50 queued drafts in one go, sent twice (answers lost), counting the records (must be 50).
# Run on purpose on a quiet machine; it is not part of `mvn verify`.
#   bench/grid-bench.sh [grids=10000] [events=1000000] [requests=300]
set -euo pipefail
cd "$(dirname "$0")/.."
GRIDS=${1:-10000}
EVENTS=${2:-1000000}
REQUESTS=${3:-300}
PORT=${BENCH_PORT:-8086}
PGPORT=${BENCH_PGPORT:-54331}
DATA=${BENCH_DATA:-/tmp/grid-bench-pg}

mvn -q -B compile >/dev/null
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
JAVA=$( (ls -d /usr/lib/jvm/*21*/bin/java /usr/lib/jvm/*2[2-9]*/bin/java 2>/dev/null || true) | head -1)
JAVA=${JAVA:-java}

"$JAVA" -Xmx1g -cp "target/classes:$(cat target/bench.cp)" io.minyi.MinyiApplication \
  --server.port="$PORT" --minyi.embedded-db.data-dir="$DATA" --minyi.embedded-db.port="$PGPORT" \
  --db-scheduler.enabled=false > target/bench-grid-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
uptime
"$JAVA" -Xmx2g -cp "$(cat target/bench.cp)" bench/GridBench.java \
  "jdbc:postgresql://localhost:$PGPORT/postgres" "http://localhost:$PORT" "$GRIDS" "$EVENTS" "$REQUESTS"
