#!/usr/bin/env bash
# Connector and JVM settings for the rating form compared side by side (issue 14, decision 0042; run on purpose):
#   bench/intake-ab.sh [seconds=15] [rounds=2] [variant ...]
# A variant is a label and app arguments / JVM flags joined by '|' and spaces, e.g.
#   "base|" "keepalive|--server.tomcat.max-keep-alive-requests=1000" "t32|--server.tomcat.threads.max=32"
#   "jit|-XX:+UseParallelGC" (arguments starting with -X or -D go to the JVM, the others to the app), and
#   "before|jar=/tmp/old/extracted/minyi-0.1.0-SNAPSHOT.jar" (another build, extracted by `java -Djarmode=tools`), and
#   "data=/tmp/copy-pg" (another data directory, e.g. a copy made with `cp -a` for a build whose migrations differ;
#   its -codes/-devices/-targets files beside it are used or made).
# Each round starts the app once per variant (warm-up on, as in production), sends 10 s of url-encoded rating forms
# to warm it further, then measures $seconds with wrk (2 threads, $CONN connections, closed loop, as
# bench/intake-baselines.sh) and prints, per variant: receipts/s, p50/p99, errors, and the CPU spent per receipt by the
# app's JVM, by PostgreSQL (all its processes) and by wrk, from /proc. The variants alternate within each round so
# that a machine whose load drifts shows the drift in every variant alike. pgbench's single-row INSERT rate is
# measured once between the rounds for the ratio. Wrap it in `flock /tmp/minyi-bench.lock` on a shared machine.
# RESIDENTS=1: residents' forms (each phone rates PHONE_CODES=3 codes from its own device and address, see
# bench/intake-baselines.sh); the last column is the share of the forms stored from the measured run on that the
# intake flagged (kept, counted in no figure).
# FRESH_COPY=1: each variant starts on a new copy (cp -a, to $FRESH_DIR=/tmp/minyi-ab-fresh) of the data directory,
# so that a later variant does not run on a database its predecessors grew (the drift of ±15 % between rounds).
# AB_FORM=multipart: the closed loop sends the form as a phone's browser does, multipart without a photo (default
# urlencoded; bench/wrk/intake.lua's FORM).
# OPEN_RATE=n: instead of wrk's closed loop, bench/PacedLoad.java offers n forms a second (open loop on $OPEN_CONN=256
# paced keep-alive connections, latency from each form's due time, 5 s of warm-up first); the CPU columns then cover
# its measured window only, the client column is its own CPU (from the JVM), errors include 503 refusals and forms
# it could not send on time, and every acknowledged form is looked up in the database ("found" in the round's line).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}; ROUNDS=${2:-2}; shift 2 || true
VARIANTS=("$@"); [ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=("base|")
. bench/intake-lib.sh
build_app
trap 'stop_app' EXIT
HZ=$(getconf CLK_TCK)

# ticks of user + system CPU of the given processes (and their threads)
ticks() { local t=0 p v; for p in "$@"; do v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true); t=$(( t + ${v:-0} )); done; echo $t; }
# the machine's idle (idle + iowait) and total CPU ticks: what the app left unused while it waited (on commits)
cpu_idle() { awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
pg_pids() { # the embedded server's postmaster (by its port) and its children: the backends, WAL writer, checkpointer
  local pm; pm=$(pgrep -f "bin/postgres .*-p ${PGPORT}" | head -1 || true)
  [ -n "$pm" ] && echo "$pm $(pgrep -P "$pm" | paste -sd' ')"
}

# WAL flushes (fsyncs) so far: per receipt, how many forms one flush served (closed loop only; decision 0054)
wal_syncs() { $PSQL -c "SELECT wal_sync FROM pg_stat_wal" 2>/dev/null || echo 0; }
# WAL bytes and full-page images written so far: per receipt, a figure the machine's load does not move (decision 0056)
wal_bytes() { $PSQL -F ' ' -c "SELECT wal_bytes, wal_fpi FROM pg_stat_wal" 2>/dev/null || echo "0 0"; }

declare -A RESULT
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
PG_TPS=
for round in $(seq 1 "$ROUNDS"); do
  for v in "${VARIANTS[@]}"; do
    label=${v%%|*}; rest=${v#*|}
    jvm=(); args=(); OWN_JAR=$APP_JAR; OWN_DATA=$DATA
    for a in $rest; do case $a in jar=*) APP_JAR=${a#jar=};; data=*) DATA=${a#data=};; -X*|-D*) jvm+=("$a");; *) args+=("$a");; esac; done
    # pgbench runs on the first variant's build and data: another build would migrate (or refuse) that variant's data
    [ -n "${PG_JAR:-}" ] || { PG_JAR=$APP_JAR; PG_DATA=$DATA; }
    if [ "${FRESH_COPY:-}" = 1 ]; then
      # every figure on its own copy of the same database: no variant inherits the rows, dead tuples and dirty pages
      # of the one before it (the data directory named by data= or BENCH_DATA_DIR stays as it is)
      fresh=${FRESH_DIR:-/tmp/minyi-ab-fresh}
      rm -rf "$fresh" "$fresh-blobs"; cp -a "$DATA" "$fresh"; [ -d "$DATA-blobs" ] && cp -a "$DATA-blobs" "$fresh-blobs"
      for f in codes devices targets; do [ -f "$DATA-$f.txt" ] && cp "$DATA-$f.txt" "$fresh-$f.txt"; done
      DATA=$fresh
    fi
    start_app "$OUT/app-ab-$label.log" "${jvm[@]}" -- "${args[@]}"
    prepare_phones
    wrk_post "${AB_FORM:-urlencoded}" 10 "ab-warm" > /dev/null
    # each measured window starts right after a checkpoint: the full-page images that follow one fall alike in every
    # window instead of wherever the server's own checkpoints happen to come
    # (AB_CHECKPOINT=0 leaves the checkpoints to the server, e.g. to compare checkpoint settings)
    [ "${AB_CHECKPOINT:-1}" = 0 ] || $PSQL -c "CHECKPOINT" > /dev/null
    PGS=$(pg_pids)
    MAXID=$($PSQL -c "SELECT coalesce(max(id), 0) FROM evaluation")
    if [ -n "${OPEN_RATE:-}" ]; then
      # the paced open loop: its CPU is its own measured-window figure; the app's and PostgreSQL's are read from
      # /proc once its warm-up is over (it prints MEASURING) until it has its last answer
      PACED_BG=1 paced_post "$OPEN_RATE" "$SECS" 5 ab-open
      WRK=$PACED
      while kill -0 "$WRK" 2>/dev/null && ! grep -q '^MEASURING' "$OUT/paced-ab-open.txt"; do sleep 0.05; done
      app0=$(ticks "$APP"); pg0=$(ticks $PGS); read -r idle0 all0 <<< "$(cpu_idle)"; read -r walb0 fpi0 <<< "$(wal_bytes)"
      wait "$WRK" || true
      app1=$(ticks "$APP"); pg1=$(ticks $PGS); read -r idle1 all1 <<< "$(cpu_idle)"; read -r walb1 fpi1 <<< "$(wal_bytes)"
      R=$(grep '^RESULT' "$OUT/paced-ab-open.txt" || echo "RESULT acked=0 failed=0 socket_errors=0 seconds=$SECS rate=0 p50=0 p99=0 cpu_ms=0")
      found=$(found ab-open)
      R="$R found=$found"
      wrk_ticks=$(awk -v ms="$(field cpu_ms "$R")" -v hz="$HZ" 'BEGIN { printf "%.0f", ms * hz / 1000 }')
    else
      # wrk runs in the background so that its own CPU can be read from /proc before it exits
      app0=$(ticks "$APP"); pg0=$(ticks $PGS); read -r idle0 all0 <<< "$(cpu_idle)"; sync0=$(wal_syncs)
      read -r walb0 fpi0 <<< "$(wal_bytes)"
      FORM=${AB_FORM:-urlencoded} TARGETS=$TARGETS DEVICES=$DEVICES ONE_CODE= ONE_DEVICE= PHOTO="$OUT/photo.jpg" ACKED_OUT= \
        wrk -t"$THREADS" -c"$CONN" -d"${SECS}s" --timeout 30s -s bench/wrk/intake.lua "$BASE" > "$OUT/wrk-ab.txt" 2>&1 &
      WRK=$!
      wrk_ticks=0
      while kill -0 "$WRK" 2>/dev/null; do w=$(ticks "$WRK"); [ "$w" -gt 0 ] && wrk_ticks=$w; sleep 0.2; done
      wait "$WRK" || true
      app1=$(ticks "$APP"); pg1=$(ticks $PGS); read -r idle1 all1 <<< "$(cpu_idle)"; sync1=$(wal_syncs)
      read -r walb1 fpi1 <<< "$(wal_bytes)"
      R=$(grep '^RESULT' "$OUT/wrk-ab.txt" || echo "RESULT acked=0 failed=0 socket_errors=0 seconds=$SECS rate=0 p50=0 p99=0")
    fi
    acked=$(field acked "$R")
    # the forms stored from the measured run on (and the last moments of the warm-up): how many the intake flagged
    read -r stored flagged <<< "$($PSQL -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE flagged) FROM evaluation WHERE id > $MAXID")"
    flagged_pct=$(awk -v f="$flagged" -v n="$stored" 'BEGIN { if (n > 0) printf "%.1f", 100 * f / n; else print "-" }')
    per() { awk -v t="$1" -v n="$acked" -v hz="$HZ" 'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print "-" }'; }
    idle=$(awk -v i="$((idle1 - idle0))" -v a="$((all1 - all0))" 'BEGIN { if (a > 0) printf "%.0f", 100 * i / a; else print "-" }')
    RESULT[$label]+="$(field rate "$R") $(field p50 "$R")/$(field p99 "$R") $(( $(field failed "$R") + $(field socket_errors "$R") )) $(per $((app1 - app0))) $(per $((pg1 - pg0))) $(per "$wrk_ticks") $idle $flagged_pct;"
    wal=$(awk -v b="$(( ${walb1:-0} - ${walb0:-0} ))" -v f="$(( ${fpi1:-0} - ${fpi0:-0} ))" -v n="$acked" 'BEGIN { if (n > 0) printf "%.1f kB, %.2f full-page images", b / 1024 / n, f / n; else print "-" }')
    syncs=$(awk -v s="$(( ${sync1:-0} - ${sync0:-0} ))" -v n="$acked" 'BEGIN { if (n > 0) printf "%.1f", 100 * s / n; else print "-" }')
    echo "round $round $label: $R app/pg/wrk µs per receipt $(per $((app1 - app0)))/$(per $((pg1 - pg0)))/$(per "$wrk_ticks"), idle $idle %, WAL flushes per 100 receipts $syncs, WAL per receipt $wal; flagged $flagged of $stored stored ($flagged_pct %); load $(cut -d' ' -f1 /proc/loadavg)" >&2
    stop_app
    APP_JAR=$OWN_JAR; DATA=$OWN_DATA
  done
  if [ -z "$PG_TPS" ]; then
    APP_JAR=$PG_JAR DATA=$PG_DATA start_app "$OUT/app-ab-pg.log" -- --minyi.warm-up.duration=0s
    $PSQL -c "DROP TABLE IF EXISTS bench_evaluation_baseline" -c "CREATE TABLE bench_evaluation_baseline (LIKE evaluation INCLUDING ALL)"
    cat > "$OUT/insert.sql" <<'SQL'
\set t random(1, 3000)
INSERT INTO bench_evaluation_baseline (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall, ratings, comment, phone, has_clue, submitted_at, day, city_id)
VALUES (gen_random_uuid(), substr(md5(random()::text), 1, 10), :t, 1, :t, 'SATISFIED', '{"duty": "SATISFIED"}', NULL, NULL, false, now(), current_date, 1);
SQL
    pgbench -n -h localhost -p "$PGPORT" -U postgres -c 32 -j 2 -T "$SECS" -f "$OUT/insert.sql" postgres > "$OUT/pgbench.txt" 2>&1 || true
    PG_TPS=$(sed -n 's/^tps = \([0-9]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
    $PSQL -c "DROP TABLE bench_evaluation_baseline"
    stop_app
  fi
done

echo
if [ -n "${OPEN_RATE:-}" ]; then MODE="open loop, bench/PacedLoad.java $OPEN_RATE forms/s offered on ${OPEN_CONN:-256} connections (client column: its CPU)"
else MODE="closed loop, wrk -t$THREADS -c$CONN"; fi
echo "Rating form, ${AB_FORM:-urlencoded}, $MODE: variants alternated $(date -u +%FT%TZ) — $(nproc) cores; ${SECS}s per figure"
echo "load average before $LOAD0, after $(cut -d' ' -f1-3 /proc/loadavg); pgbench single-row INSERT in the same run: ${PG_TPS:-?} tps"
echo
printf '| %-12s | %-5s | %10s | %6s | %13s | %6s | %21s | %6s | %9s |\n' variant round receipts/s ratio "p50/p99 ms" errors "CPU µs/receipt app/pg/wrk" "idle %" "flagged %"
echo "|--------------|-------|------------|--------|---------------|--------|-----------------------|--------|-----------|"
for v in "${VARIANTS[@]}"; do
  label=${v%%|*}; i=0
  IFS=';' read -ra runs <<< "${RESULT[$label]}"
  for r in "${runs[@]}"; do
    i=$((i + 1)); read -r rate lat err app pg wrkc idle flg <<< "$r"
    printf '| %-12s | %-5s | %10s | %6s | %13s | %6s | %21s | %6s | %9s |\n' "$label" "$i" "$rate" "$(ratio "$rate" "${PG_TPS:-0}")" "$lat" "$err" "$app/$pg/$wrkc" "$idle" "$flg"
  done
done
for v in "${VARIANTS[@]}"; do echo "  $v"; done
