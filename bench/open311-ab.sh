#!/usr/bin/env bash
# Open311 POST requests.json, builds compared side by side by the CPU a POST costs once its listeners are done
# (issue 11, decision 0046; run on purpose, on a loaded city from bench/load-data.sh, not part of `mvn verify`):
#   bench/open311-ab.sh [post-seconds=30] [rounds=2] [variant ...]
# A variant is a label and app arguments joined by '|', e.g. "after|" or "before|jar=/tmp/old/minyi-0.1.0-SNAPSHOT.jar"
# (another build) or "pool16|--spring.task.execution.pool.core-size=16". Each round starts the app once per variant
# on the same data directory (the variants alternate, so a city that grows with every run, or a machine whose load
# drifts, weighs on every variant alike), waits until no event publication is left, sends $WARM s (10) of POSTs to warm it up,
# waits again, then sends $seconds of POSTs from $THREADS connections (wrk, or GENERATOR=java, as open311-bench.sh) and
# waits until the asynchronous listeners have completed every publication (at most $DRAIN_MAX s). Printed per run:
# acknowledged POSTs/s, p50/p95, how long the listeners took after the last POST, and the CPU per acknowledged POST of
# the app's JVM and of PostgreSQL (all its processes, ended backends included) from the first POST until the drain,
# and of the client while it ran, from /proc; then every acknowledged request is looked up in the database.
# 500/s on 2 cores means about 4 ms of CPU per POST, all of it (app, database, listeners and client) included.
# Needs psql; BENCH_DATA_DIR (default /tmp/minyi-bench-pg), BENCH_PORT, BENCH_PG_PORT; APP_ARGS are passed to every
# variant (e.g. the audit key and checkpoint files of the copy). SKIP_BUILD=1 reuses target/'s jar.
# PGSS=1: where pg_stat_statements is loaded (shared_preload_libraries in the copy's postgresql.auto.conf), its figures
# are reset when the POSTs start and the statements costing most until the drain are written to
# $OUT/open311-ab-statements-<variant>-<round>.txt (time per POST: PostgreSQL's own time, the execution's).
# Also per acknowledged POST, from the first POST until the drain: the database's transactions (pg_stat_database, every
# connection's) and, with PGSS=1, its statements (the drain's own look-ups left out): figures the machine's load does
# not change, for what the CPU figures of a shared machine cannot tell apart.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/open311-lib.sh
SECS=${1:-30}; ROUNDS=${2:-2}; shift 2 || true
VARIANTS=("$@"); [ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=("this|")
THREADS=${THREADS:-32}; DRAIN_MAX=${DRAIN_MAX:-300}
DATA=${BENCH_DATA_DIR:-/tmp/minyi-bench-pg}; PGPORT=${BENCH_PG_PORT:-54390}; PORT=${BENCH_PORT:-8094}
OUT=${BENCH_OUT:-/tmp/minyi-bench-out}
[ -f "$DATA/PG_VERSION" ] || { echo "no loaded database in $DATA: run bench/load-data.sh first"; exit 1; }
JDK=$(ls -d /usr/lib/jvm/* | while read -r d; do v=$("$d/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$d"; done | head -1)
[ -n "$JDK" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
JAVA=$JDK/bin/java
command -v psql >/dev/null || { echo "psql missing: apt-get install postgresql-client"; exit 1; }
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -q -B -DskipTests package
  mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
fi
CP=$(cat target/bench-classpath.txt)
OWN_JAR=$(ls target/minyi-*.jar | grep -v original | head -1)
PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"
KEY=${OPEN311_KEY:-demo-open311-key-Minyi2026}
HZ=$(getconf CLK_TCK)
APP=
trap '[ -z "$APP" ] || { kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; }' EXIT

ticks() { local t=0 p v; for p in "$@"; do v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true); t=$(( t + ${v:-0} )); done; echo $t; }
# PostgreSQL: the postmaster (with its ended children's time) and its live children
pgcpu() { local pm; pm=$(head -1 "$DATA/postmaster.pid")
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"; for c in $(pgrep -P "$pm"); do
    awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null; done; } | awk '{s += $1} END {print s}'; }
# transactions ended in the database (all its connections: the app's, the drain's look-ups, psql's)
# WAL written (bytes and full-page images), for where PostgreSQL's CPU goes besides the statements themselves
wal() { $PSQL -c "SELECT wal_bytes || ' ' || wal_fpi FROM pg_stat_wal"; }
xacts() { $PSQL -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"; }
waiting() { $PSQL -c "SELECT count(*) FROM event_publication WHERE completion_date IS NULL"; }
# drain MAX: waits until no publication is left (or MAX seconds); prints the seconds it took
drain() { local t0 n; t0=$(date +%s.%N)
  while :; do n=$(waiting); [ "$n" = 0 ] && break
    awk -v a="$t0" -v b="$(date +%s.%N)" -v m="$1" 'BEGIN { exit !(b - a > m) }' && break; sleep 0.5; done
  awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

start() { # start LOG JAR [app args...]
  local log=$1 jar=$2; shift 2
  # shellcheck disable=SC2086
  "$JDK/bin/java" -Xms1g -Xmx1g -jar "$jar" --server.port="$PORT" --minyi.embedded-db.data-dir="$DATA" \
    --minyi.embedded-db.port="$PGPORT" --minyi.embedded-db.shared-buffers=512MB \
    --minyi.embedded-db.startup-wait-seconds=900 --minyi.blobs.dir="$DATA-blobs" --db-scheduler.enabled=false \
    --minyi.demo.activity=none ${APP_ARGS:-} "$@" > "$log" 2>&1 &
  APP=$!
  for _ in $(seq 1 900); do
    curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 $APP 2>/dev/null || { echo "app died; see $log"; exit 1; }
    sleep 1
  done
  echo "app not ready; see $log"; exit 1
}

declare -A RESULT
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  for v in "${VARIANTS[@]}"; do
    label=${v%%|*}; rest=${v#*|}; jar=$OWN_JAR; args=()
    for a in $rest; do case $a in jar=*) jar=${a#jar=};; *) args+=("$a");; esac; done
    start "$OUT/open311-ab-$label.log" "$jar" "${args[@]}"
    $PSQL -c "UPDATE open311_client SET per_minute = 100000 WHERE name = '示范市 FixMyStreet'"
    left0=$(drain "$DRAIN_MAX")
    post_load "http://localhost:$PORT" "$KEY" "$THREADS" "${WARM:-10}" "$OUT/open311-ab-warm.txt" "$OUT/open311-ab-warm-client.txt"
    warm=$(drain "$DRAIN_MAX")
    cases0=$($PSQL -c "SELECT count(*) FROM cases")
    [ "${PGSS:-}" = 1 ] && $PSQL -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
    app0=$(ticks "$APP"); pg0=$(pgcpu); load=$(cut -d' ' -f1 /proc/loadavg); tx0=$(xacts); read -r wb0 fpi0 <<< "$(wal)"
    post_load "http://localhost:$PORT" "$KEY" "$THREADS" "$SECS" "$OUT/open311-ab-acked.txt" "$OUT/open311-ab-client.txt"
    client=$(awk -v c="$(cat "$OUT/open311-ab-client.txt.cpu")" -v hz="$HZ" 'BEGIN { printf "%d", c * hz }')
    left=$(waiting)
    took=$(drain "$DRAIN_MAX")
    app1=$(ticks "$APP"); pg1=$(pgcpu); left1=$(waiting)
    sleep 2; tx1=$(xacts); read -r wb1 fpi1 <<< "$(wal)" # backends report their counts when idle for a second
    line=$(grep '^POST' "$OUT/open311-ab-client.txt" || echo "POST none")
    if [ "${PGSS:-}" = 1 ]; then
      $PSQL -F ' | ' -c "SELECT round((total_exec_time / $(wc -l < "$OUT/open311-ab-acked.txt"))::numeric * 1000) AS us_per_post,
          calls, round(mean_exec_time::numeric * 1000) AS us_per_call, regexp_replace(left(query, 160), '\s+', ' ', 'g')
        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25" > "$OUT/open311-ab-statements-$label-$round.txt"
    fi
    rate=$(sed -n 's/.*(\([0-9]*\)\/s).*/\1/p' <<< "$line"); p50=$(sed -n 's/.*p50 \([0-9.]*\) ms.*/\1/p' <<< "$line")
    p95=$(sed -n 's/.*p95 \([0-9.]*\) ms.*/\1/p' <<< "$line")
    n=$(wc -l < "$OUT/open311-ab-acked.txt")
    found=$( (echo "CREATE TEMP TABLE acked (id bigint);"; echo "COPY acked FROM STDIN;"; cat "$OUT/open311-ab-acked.txt"; echo '\.';
              echo "SELECT count(*) FROM acked a JOIN cases c ON c.id = a.id JOIN open311_request r ON r.case_id = c.id;") | $PSQL)
    per() { awk -v t="$1" -v n="$n" -v hz="$HZ" 'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "-" }'; }
    each() { awk -v t="$1" -v n="$n" 'BEGIN { if (n > 0) printf "%.1f", t / n; else print "-" }'; }
    stmts=-
    [ "${PGSS:-}" = 1 ] && stmts=$(each "$($PSQL -c "SELECT sum(calls) FROM pg_stat_statements WHERE query NOT LIKE 'SELECT count(*) FROM event_publication WHERE completion_date IS NULL%' AND query NOT LIKE '%pg_stat%'")")
    txs=$(each $((tx1 - tx0)))
    RESULT[$label]+="${rate:-0} ${p50:-0}/${p95:-0} $left $took $left1 $(per $((app1 - app0))) $(per $((pg1 - pg0))) $(per "$client") $n/$found $cases0 $load $txs/$stmts;"
    echo "round $round $label: $line; publications waiting at the end of the POSTs $left, drained in ${took}s ($left1 left);" \
      "CPU ms per POST app/pg/client $(per $((app1 - app0)))/$(per $((pg1 - pg0)))/$(per "$client"); acked $n, in the DB $found; transactions/statements per POST $txs/$stmts;" \
      "WAL per POST $(each $(( (wb1 - wb0) / 1024 ))) kB, full-page images $(each $((fpi1 - fpi0)));" \
      "backlog at start drained in ${left0}s, warm-up's in ${warm}s; load $load" >&2
    kill $APP; wait $APP 2>/dev/null || true; APP=
  done
done

echo
echo "Open311 POST requests.json, $THREADS client threads, ${SECS}s per run, variants alternated $(date -u +%FT%TZ) — $(nproc) cores"
echo "load average before $LOAD0, after $(cut -d' ' -f1-3 /proc/loadavg); CPU per acknowledged POST from the first POST until the listeners were done"
echo
printf '| %-10s | %-5s | %8s | %13s | %13s | %9s | %28s | %13s | %9s | %5s | %8s |\n' variant round "POSTs/s" "p50/p95 ms" "waiting at end" "drained s" "CPU ms/POST app/pg/client = all" "acked/in DB" "cases before" load "tx/statements per POST"
echo "|------------|-------|----------|---------------|---------------|-----------|------------------------------|---------------|-----------|-------|----------|"
for v in "${VARIANTS[@]}"; do
  label=${v%%|*}; i=0
  IFS=';' read -ra runs <<< "${RESULT[$label]}"
  for r in "${runs[@]}"; do
    i=$((i + 1)); read -r rate lat left took left1 app pg cl ack cases load txst <<< "$r"
    all=$(awk -v a="$app" -v b="$pg" -v c="$cl" 'BEGIN { printf "%.2f", a + b + c }')
    [ "$left1" = 0 ] || took="$took ($left1 left)"
    printf '| %-10s | %-5s | %8s | %13s | %13s | %9s | %28s | %13s | %9s | %5s | %8s |\n' "$label" "$i" "$rate" "$lat" "$left" "$took" "$app/$pg/$cl = $all" "$ack" "$cases" "$load" "$txst"
  done
done
for v in "${VARIANTS[@]}"; do echo "  $v"; done
