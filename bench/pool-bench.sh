#!/usr/bin/env bash
# Loads N cases (default 1,000,000) into the pool with PostgreSQL COPY and prints p50/p95 of the filtered pool page
# and of duplicate suggestions. Not part of `mvn verify`: run it on purpose.
#   bench/pool-bench.sh [cases] [iterations]
# Keep the loaded database between runs with BENCH_DATA_DIR=/some/dir (loading is skipped when it already holds N).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [ -x "$j/bin/java" ]; then JAVA="$j/bin/java"; break; fi
done
DATA_DIR="${BENCH_DATA_DIR:-$(mktemp -d /tmp/minyi-bench-XXXX)}"
exec "$JAVA" -Xmx2g -Dfile.encoding=UTF-8 -Dbench.data-dir="$DATA_DIR" \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.minyi.bench.PoolBench "${1:-1000000}" "${2:-300}"
