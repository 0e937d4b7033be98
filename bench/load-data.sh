#!/usr/bin/env bash
# Loads a city at scale for the benchmarks (run on purpose; not part of `mvn verify`):
#   bench/load-data.sh [cases=1000000] [evaluations=10000000] [demo-scale=1]
# Generates the demo city (minyi.demo.scale) into the embedded PostgreSQL kept in $BENCH_DATA_DIR
# (default /tmp/minyi-bench-pg; it must be fresh or hold an earlier load of this script), then COPYs the cases and
# evaluations and derives the step history, projections, roll-ups and running totals with INSERT ... SELECT.
# Prints rows and seconds per table. To load an external PostgreSQL instead, set SPRING_DATASOURCE_URL,
# SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD (the schema is created by Flyway on the way).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-1000000}; EVALUATIONS=${2:-10000000}; SCALE=${3:-1}
DATA_DIR=${BENCH_DATA_DIR:-/tmp/minyi-bench-pg}
PG_PORT=${BENCH_PG_PORT:-54390}
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
JAVA=$(ls -d /usr/lib/jvm/*/bin/java | while read -r j; do v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$j"; done | head -1)
[ -n "$JAVA" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
DB=()
if [ -n "${SPRING_DATASOURCE_URL:-}" ]; then
  DB=(-Dspring.datasource.url="$SPRING_DATASOURCE_URL" -Dspring.datasource.username="${SPRING_DATASOURCE_USERNAME:-postgres}"
      -Dspring.datasource.password="${SPRING_DATASOURCE_PASSWORD:-}")
fi
echo "loading $CASES cases and $EVALUATIONS evaluations (demo scale $SCALE) into ${SPRING_DATASOURCE_URL:-$DATA_DIR}; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -Xmx2g -Dfile.encoding=UTF-8 -Dbench.data-dir="$DATA_DIR" -Dbench.pg-port="$PG_PORT" -Dminyi.demo.scale="$SCALE" \
  "${DB[@]}" -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  io.minyi.bench.LoadData "$CASES" "$EVALUATIONS"
echo "load average after loading: $(cut -d' ' -f1-3 /proc/loadavg)"
