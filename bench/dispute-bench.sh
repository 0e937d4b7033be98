#!/usr/bin/env bash
# Assignment suggestions with 5,000 mediators and 1,000,000 disputes (target p95 < 50 ms), and the streamed ledger
# export of 30,000 disputes (target < 10 s, flat heap). Not part of `mvn verify`: run it on purpose, on a quiet
# machine (flock /tmp/minyi-bench.lock bench/dispute-bench.sh).
#   bench/dispute-bench.sh [disputes] [mediators] [iterations] [export-rows]
# Keep the loaded database between runs with BENCH_DATA_DIR=/some/dir (loading is skipped when it already holds N).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [ -x "$j/bin/java" ]; then JAVA="$j/bin/java"; break; fi
done
DATA_DIR="${BENCH_DATA_DIR:-$(mktemp -d /tmp/minyi-bench-XXXX)}"
# a small heap on purpose: a ledger export that held its rows in memory would fail here
exec "$JAVA" -Xmx512m -Dfile.encoding=UTF-8 -Dbench.data-dir="$DATA_DIR" \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.minyi.bench.DisputeBench \
  "${1:-1000000}" "${2:-5000}" "${3:-500}" "${4:-30000}"
