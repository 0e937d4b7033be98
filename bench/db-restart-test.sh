#!/usr/bin/env bash
# Database restart under load (run on purpose; not part of mvn verify). Run it alone on the machine:
#   flock /tmp/minyi-bench.lock bench/db-restart-test.sh [workers=16] [down-seconds=10]
# Starts Minyi with its embedded PostgreSQL on a fixed port and data dir, drives evaluation submissions with
# FaultLoad.java, stops PostgreSQL (pg_ctl stop -m fast, through `unshare -U` as zonky does when run as root, see
# docs/decisions/0003), keeps sending for down-seconds, starts PostgreSQL again with the options it ran with
# (postmaster.opts), keeps sending, and checks: no 500, every 503 carries Retry-After, no stack trace in any answer,
# the app recovers by itself, and every acknowledged evaluation is in the database. Exits non-zero when one fails.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKERS=${1:-16}; DOWN=${2:-10}
PORT=18081; PGPORT=54391; DATA=/tmp/minyi-dbrestart-pg; OUT=/tmp/minyi-dbrestart
rm -rf "$DATA" "$OUT"; mkdir -p "$OUT"
source bench/fault-lib.sh
BIN=$(ls -d /tmp/embedded-pg/PG-*/bin | head -1)
AS_PG=(); [ "$(id -u)" = 0 ] && AS_PG=(unshare -U)
trap 'touch "$OUT/stop"; stop_app' EXIT

build_jar
start_app
$PSQL -c "SELECT code FROM evaluation_target WHERE active" > "$OUT/codes.txt"
# the options the postmaster runs with, minus the binary and its data directory
eval "set -- $(cat "$DATA/postmaster.opts")"; shift
OPTS=(); while [ $# -gt 0 ]; do if [ "$1" = "-D" ]; then shift 2; else OPTS+=("$1"); shift; fi; done

: > "$OUT/acked.txt"
"$JAVA" bench/FaultLoad.java "http://localhost:$PORT" "$OUT/codes.txt" "$WORKERS" 600 "$OUT/stop" \
  "$OUT/acked.txt" "$OUT/timeline.txt" > "$OUT/load.txt" 2> "$OUT/load-errors.txt" &
LOAD=$!
sleep 8
ACKED_BEFORE=$(wc -l < "$OUT/acked.txt")
"${AS_PG[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w stop > "$OUT/pg-stop.txt" 2>&1
STOP_MS=$(date +%s%3N)
sleep "$DOWN"
ACKED_DOWN=$(( $(wc -l < "$OUT/acked.txt") - ACKED_BEFORE ))
"${AS_PG[@]}" "$BIN/pg_ctl" -D "$DATA" -o "${OPTS[*]}" -l "$OUT/pg.log" -w start > "$OUT/pg-start.txt" 2>&1
START_MS=$(date +%s%3N)
sleep 15
touch "$OUT/stop"; wait $LOAD || true

ACKED=$(wc -l < "$OUT/acked.txt")
FOUND=$(count_found "$OUT/acked.txt")
LOST=$((ACKED - FOUND))
DOWN_503=$(awk -v a="$STOP_MS" -v b="$START_MS" '$3 == 503 && $2 >= a && $1 <= b' "$OUT/timeline.txt" | wc -l)
FIRST_OK=$(awk -v t="$START_MS" '$3 == 200 && $1 >= t { if (m == "" || $2 < m) m = $2 } END { print m }' "$OUT/timeline.txt")
RECOVERY=$(awk -v a="$FIRST_OK" -v b="$START_MS" 'BEGIN { if (a == "") print "never"; else printf "%.1f", (a - b) / 1000 }')
SERVER_ERRORS=$(grep -E '^\| 500' "$OUT/load.txt" | awk -F'|' '{gsub(/ /, "", $3); print $3}')
NO_RETRY=$(grep -E '^\| 503 answers without' "$OUT/load.txt" | awk -F'|' '{gsub(/ /, "", $3); print $3}')
STACKS=$(grep -E '^\| answers showing a stack' "$OUT/load.txt" | awk -F'|' '{gsub(/ /, "", $3); print $3}')

echo
cat "$OUT/load.txt"
echo
echo "| metric                                   | value   |"
echo "|------------------------------------------|---------|"
printf "| %-40s | %7s |\n" "database down (s)" "$(( (START_MS - STOP_MS) / 1000 ))"
printf "| %-40s | %7s |\n" "acknowledged before the stop" "$ACKED_BEFORE"
printf "| %-40s | %7s |\n" "acknowledged while down" "$ACKED_DOWN"
printf "| %-40s | %7s |\n" "503 answers while down" "$DOWN_503"
printf "| %-40s | %7s |\n" "recovery: start to first receipt (s)" "$RECOVERY"
printf "| %-40s | %7s |\n" "acknowledged in all" "$ACKED"
printf "| %-40s | %7s |\n" "found in the database, same receipt" "$FOUND"
printf "| %-40s | %7s |\n" "acknowledged but missing" "$LOST"
grep -c . "$OUT/load-errors.txt" > /dev/null && { echo "first unexpected answers:"; head -5 "$OUT/load-errors.txt"; }
FAIL=""
[ "$LOST" -eq 0 ] || FAIL="$FAIL lost=$LOST"
[ "$SERVER_ERRORS" -eq 0 ] || FAIL="$FAIL 5xx=$SERVER_ERRORS"
[ "$NO_RETRY" -eq 0 ] || FAIL="$FAIL 503-without-Retry-After=$NO_RETRY"
[ "$STACKS" -eq 0 ] || FAIL="$FAIL stack-traces=$STACKS"
[ "$RECOVERY" != never ] || FAIL="$FAIL no-recovery"
[ "$DOWN_503" -gt 0 ] || FAIL="$FAIL no-503-while-down"
[ -z "$FAIL" ] || { echo "FAILED:$FAIL"; exit 1; }
