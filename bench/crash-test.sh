#!/usr/bin/env bash
# Crash test (run on purpose; not part of mvn verify). Run it alone on the machine:
#   flock /tmp/minyi-bench.lock bench/crash-test.sh [workers=16] [receipts-before-crash=500]
# Starts Minyi on a fresh embedded PostgreSQL (fixed port and data dir), drives evaluation submissions with
# FaultLoad.java (every receipt it was shown is flushed to a file at once), kill -9s the JVM's process group and the
# postmaster's (nothing gets to shut down cleanly), restarts the app on the same data dir while the load keeps coming,
# then checks that every acknowledged evaluation is in the database with the receipt code the resident saw.
# Exits non-zero when an acknowledged evaluation is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKERS=${1:-16}; BEFORE=${2:-500}
PORT=18080; PGPORT=54390; DATA=/tmp/minyi-crash-pg; OUT=/tmp/minyi-crash
rm -rf "$DATA" "$OUT"; mkdir -p "$OUT"
source bench/fault-lib.sh
trap 'touch "$OUT/stop"; stop_app' EXIT

build_jar
start_app
$PSQL -c "SELECT code FROM evaluation_target WHERE active" > "$OUT/codes.txt"
: > "$OUT/acked.txt"
"$JAVA" bench/FaultLoad.java "http://localhost:$PORT" "$OUT/codes.txt" "$WORKERS" 600 "$OUT/stop" \
  "$OUT/acked.txt" "$OUT/timeline.txt" > "$OUT/load.txt" 2> "$OUT/load-errors.txt" &
LOAD=$!
# crash in the middle of the load: once this many receipts have been shown
for i in $(seq 1 300); do [ "$(wc -l < "$OUT/acked.txt" 2>/dev/null || echo 0)" -ge "$BEFORE" ] && break; sleep 0.2; done

PG=$(pg_pid)
ACKED_AT_CRASH=$(wc -l < "$OUT/acked.txt")
kill -9 -- -"$APP"; kill -9 -- -"$PG"
CRASH_MS=$(date +%s%3N)
while kill -0 "$APP" 2>/dev/null || kill -0 "$PG" 2>/dev/null; do sleep 0.1; done
ACKED_AFTER_KILL=$(wc -l < "$OUT/acked.txt")
echo "killed app (pgid $APP) and postmaster (pgid $PG) with $ACKED_AT_CRASH receipts shown"

start_app
UP_MS=$(date +%s%3N)
sleep 5
touch "$OUT/stop"; wait $LOAD || true
ACKED=$(wc -l < "$OUT/acked.txt")
FOUND=$(count_found "$OUT/acked.txt")
LOST=$((ACKED - FOUND))
FIRST_OK=$(awk -v t="$CRASH_MS" '$3 == 200 && $1 >= t { if (m == "" || $2 < m) m = $2 } END { print m }' "$OUT/timeline.txt")

echo
cat "$OUT/load.txt"
echo
echo "| metric                                   | value   |"
echo "|------------------------------------------|---------|"
printf "| %-40s | %7s |\n" "acknowledged before the kill" "$ACKED_AFTER_KILL"
printf "| %-40s | %7s |\n" "acknowledged in all (after restart too)" "$ACKED"
printf "| %-40s | %7s |\n" "found in the database, same receipt" "$FOUND"
printf "| %-40s | %7s |\n" "lost" "$LOST"
printf "| %-40s | %7s |\n" "restart to healthy (s)" "$(( (UP_MS - CRASH_MS) / 1000 ))"
printf "| %-40s | %7s |\n" "kill to first new receipt (s)" "$(awk -v a="$FIRST_OK" -v b="$CRASH_MS" 'BEGIN { if (a == "") print "none"; else printf "%.1f", (a - b) / 1000 }')"
printf "| %-40s | %7s |\n" "PostgreSQL fsync setting" "$($PSQL -c 'SHOW fsync')"
[ "$LOST" -eq 0 ] && [ "$ACKED_AFTER_KILL" -gt 0 ] || { echo "FAILED: $LOST acknowledged evaluations lost"; exit 1; }
