#!/usr/bin/env bash
# A survey campaign at scale (issue 12): N people of the city's units imported from an .xlsx (read as a stream), their
# SMS invitations queued in batches of their own transactions, a share of them answering by their personal links and
# the results per unit and county; then everybody else answers and the results are measured again at N responses
# (target < 500 ms for 100,000), checked against a recount over the raw answers; then the PDF summary. Prints the
# time of each phase and the heap (peak, and after a GC).
# Not part of `mvn verify`: run it on purpose, alone, on a quiet machine:
#   flock /tmp/minyi-bench.lock bench/survey-bench.sh [invitations=100000] [answered-first-share=0.3] [answer-threads=8]
# The heap is capped (-Xmx1g, BENCH_HEAP to change) so that a phase which held every row in memory shows up.
# Keep the embedded database between runs with BENCH_DATA_DIR=/some/dir (each run adds a new campaign).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [ -x "$j/bin/java" ]; then JAVA="$j/bin/java"; break; fi
done
DATA_DIR="${BENCH_DATA_DIR:-$(mktemp -d /tmp/minyi-bench-XXXX)}"
exec "$JAVA" "-Xmx${BENCH_HEAP:-1g}" -Dfile.encoding=UTF-8 -Dbench.data-dir="$DATA_DIR" \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.minyi.bench.SurveyBench \
  "${1:-100000}" "${2:-0.3}" "${3:-8}"
