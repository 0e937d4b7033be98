#!/usr/bin/env bash
# The whole machine's CPU during the rating form's closed loop, by process, thread and function (issue 14; run on
# purpose, alone): bench/perf-intake.sh [seconds=15]
# The flight recordings of bench/profile-intake.sh see the app's request threads only, a few hundred samples a run;
# the gap to pgbench is shared by the app, PostgreSQL, wrk and the kernel between them. This samples every CPU with
# `perf record -a -g` (the software clock: no hardware counters are needed) while wrk drives the form as
# bench/intake-ab.sh does, with the app's JIT-compiled frames named from its perf map (`jcmd Compiler.perfmap`, the
# frames walked by -XX:+PreserveFramePointer), and prints:
#   - the share of all samples (idle excluded) by process and thread group: wrk, PostgreSQL's backends and its
#     WAL writer, the app's request threads, writers, flusher, poller, JIT compilers, GC, the kernel's own;
#   - for the app and for PostgreSQL: user code against the kernel (system calls, loopback TCP, futexes, scheduling);
#   - the top self symbols of each, and the kernel's top symbols.
# PERF_FRAMES="Request.parseParts,NumberFormatException": also the inclusive share (and µs per receipt) of the request
# threads' and writers' samples with each frame anywhere on the stack.
# Environment as bench/intake-lib.sh (RESIDENTS=1, BENCH_DATA_DIR, AB_FORM, APP_ARGS). Needs linux-perf (Debian:
# apt-get install linux-perf) and kernel.perf_event_paranoid ≤ 1 or root. The recording lands in $OUT/perf-intake.data.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
command -v perf >/dev/null || { echo "perf missing (Debian: apt-get install linux-perf)"; exit 1; }
. bench/intake-lib.sh
build_app
trap 'stop_app' EXIT
start_app "$OUT/app-perf.log" -XX:+PreserveFramePointer -- ${PERF_APP_ARGS:-}
prepare_phones
wrk_post "${AB_FORM:-urlencoded}" 10 perf-warm > /dev/null
FORM=${AB_FORM:-urlencoded}
PDATA="$OUT/perf-intake.data"
perf record -q -a -g -F "${PERF_HZ:-499}" -o "$PDATA" -- sleep "$((SECS + 2))" > "$OUT/perf-record.txt" 2>&1 &
PERF=$!
sleep 1
R=$(wrk_post "$FORM" "$SECS" perf)
wait "$PERF" || true
"$JDK/bin/jcmd" "$APP" Compiler.perfmap > /dev/null
# PostgreSQL's processes by kind (client backend, walwriter, checkpointer ...), to name them in the table
$PSQL -F ' ' -c "SELECT pid, replace(backend_type, ' ', '_') FROM pg_stat_activity" > "$OUT/perf-pg-pids.txt" || true
echo "## $FORM, $SECS s: $R"
perf script -i "$PDATA" -F comm,pid,tid,ip,sym,dso 2>/dev/null > "$OUT/perf-intake.txt"
python3 bench/perf-intake.py "$OUT/perf-intake.txt" "$APP" "$OUT/perf-pg-pids.txt" "$(field acked "$R")"
