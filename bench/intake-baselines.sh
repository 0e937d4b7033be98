#!/usr/bin/env bash
# The public intake against its baselines, side by side in one run (issue 14; run on purpose, not part of mvn verify):
#   bench/intake-baselines.sh [seconds=20] [warm-up seconds=5]
# Needs no loaded database: the app runs on its own kept embedded PostgreSQL ($BENCH_DATA_DIR, default
# /tmp/minyi-intake-pg; the demo city is made on the first run). In one run, with wrk (2 threads, $CONN=64
# connections, closed loop) as the one client for every HTTP figure:
#   the cold first 30 s right after readiness (url-encoded rating form), the app's GET of a static file, the JDK's
#   jwebserver serving a copy of the same file, pgbench single-row INSERTs into a copy of `evaluation` (32 clients),
#   the warm rating form url-encoded, multipart without and with a photo (as a phone sends it), ballot-stuffing (one
#   phone rating one code over and over: kept and flagged), and an open-loop run at 80 % of pgbench's rate
#   (bench/PacedLoad.java, paced keep-alive connections as wrk2) for p99; every receipt's tracking code is looked up
#   in the database.
# Environment: APP_JAVA_OPTS (default -Xms1g -Xmx1g), APP_ARGS (extra app arguments, e.g.
# --spring.threads.virtual.enabled=true), AOT_CACHE=file (start with -XX:AOTCache=file, see bench/cold-start.sh),
# SKIP_BUILD=1, CONN, OPEN_CONN (the open loop's connections, 256), BENCH_PORT, BENCH_PG_PORT, BENCH_OUT. Wrap it in `flock /tmp/minyi-bench.lock` on a shared machine.
# RESIDENTS=1: the forms are residents' (bench/wrk/intake.lua, bench/PacedLoad.java): each simulated phone rates
# PHONE_CODES (3) codes with a device cookie of its own, new in every run, from an address of its own (X-Forwarded-For,
# trusted as behind the proxy of application-prod.properties), so that almost none is flagged — without it every form
# comes from one address, which the intake flags after the 50th form per code and day, and 256 phones repeat codes,
# which the per-device rule flags after the 3rd (flagged forms are kept but counted in no figure, and cost PostgreSQL
# less). The table prints the flagged share of the stored warm forms.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-20}; WARM=${2:-5}
. bench/intake-lib.sh
build_app
[ -s "$OUT/photo.jpg" ] || "$JAVA" bench/MakePhoto.java "$OUT/photo.jpg"
trap 'stop_app; [ -n "${STATIC:-}" ] && kill "$STATIC" 2>/dev/null; true' EXIT
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

AOT=(); [ -n "${AOT_CACHE:-}" ] && AOT=(-XX:AOTCache="$AOT_CACHE")
start_app "$OUT/app.log" "${AOT[@]}"
FIRST_RUN=0; [ -s "$DATA-devices.txt" ] || FIRST_RUN=1
prepare_phones
IDLE_KB=$(kb VmRSS)

# ---- cold: the first 30 s of load, in three slices of 10 s, right after readiness ------------------------------------
peak_reset
C1=$(wrk_post urlencoded 10 cold1); C2=$(wrk_post urlencoded 10 cold2); C3=$(wrk_post urlencoded 10 cold3)
COLD_ACKED=$(( $(field acked "$C1") + $(field acked "$C2") + $(field acked "$C3") ))
COLD_ERR=$(( $(field failed "$C1") + $(field failed "$C2") + $(field failed "$C3") + $(field socket_errors "$C1") + $(field socket_errors "$C2") + $(field socket_errors "$C3") ))
COLD_RATE=$(awk -v a="$COLD_ACKED" -v s="$(field seconds "$C1") $(field seconds "$C2") $(field seconds "$C3")" 'BEGIN { split(s, x, " "); printf "%.0f", a / (x[1] + x[2] + x[3]) }')
COLD_KB=$(kb VmHWM)

# ---- static: the same file from the app and from jwebserver, same client -------------------------------------------
static_rate() { # url -> requests/s
  wrk -t"$THREADS" -c"$CONN" -d"${WARM}s" "$1" > /dev/null 2>&1 || true
  wrk -t"$THREADS" -c"$CONN" -d"${SECS}s" --latency "$1" > "$OUT/wrk-static.txt" 2>&1 || true
  awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$OUT/wrk-static.txt"
  grep -q 'Non-2xx' "$OUT/wrk-static.txt" && echo " (non-2xx answers!)" || true
}
APP_STATIC=$(static_rate "$BASE/css/app.css")
mkdir -p "$OUT/static/css"; cp src/main/resources/static/css/app.css "$OUT/static/css/"
"$JDK/bin/jwebserver" -b 127.0.0.1 -p "$STATIC_PORT" -d "$(cd "$OUT/static" && pwd)" -o none > "$OUT/jwebserver.log" 2>&1 &
STATIC=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$STATIC_PORT/css/app.css" >/dev/null 2>&1 && break; sleep 0.1; done
JWS_STATIC=$(static_rate "http://127.0.0.1:$STATIC_PORT/css/app.css")
kill "$STATIC"; wait "$STATIC" 2>/dev/null || true; STATIC=

# ---- pgbench: one row, one commit per transaction, into a copy of evaluation --------------------------------------
$PSQL -c "DROP TABLE IF EXISTS bench_evaluation_baseline" -c "CREATE TABLE bench_evaluation_baseline (LIKE evaluation INCLUDING ALL)"
cat > "$OUT/insert.sql" <<'SQL'
\set t random(1, 3000)
INSERT INTO bench_evaluation_baseline (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall, ratings, comment, phone, has_clue, submitted_at, day, city_id)
VALUES (gen_random_uuid(), substr(md5(random()::text), 1, 10), :t, 1, :t, 'SATISFIED', '{"duty": "SATISFIED"}', NULL, NULL, false, now(), current_date, 1);
SQL
pgbench -n -h localhost -p "$PGPORT" -U postgres -c 32 -j 2 -T "$SECS" -f "$OUT/insert.sql" postgres > "$OUT/pgbench.txt" 2>&1
PG_TPS=$(sed -n 's/^tps = \([0-9]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
$PSQL -c "DROP TABLE bench_evaluation_baseline"

# ---- warm: the rating form as phones send it -----------------------------------------------------------------------
phase() { # form label [connections] [one-code] [one-device]
  wrk_post "$1" "$WARM" "$2-warm" "${3:-$CONN}" "${4:-}" "${5:-}" > /dev/null
  peak_reset
  MAXID=$($PSQL -c "SELECT coalesce(max(id), 0) FROM evaluation")
  R=$(wrk_post "$1" "$SECS" "$2" "${3:-$CONN}" "${4:-}" "${5:-}")
  PEAK_KB=$(kb VmHWM)
  FOUND=$(found "$2")
  ROWS=$($PSQL -c "SELECT count(*) || ' ' || count(*) FILTER (WHERE flagged) FROM evaluation WHERE id > $MAXID")
}
phase urlencoded warm;        WARM_R=$R; WARM_FOUND=$FOUND; WARM_KB=$PEAK_KB; WARM_ROWS=$ROWS
phase multipart multipart;    MP_R=$R; MP_FOUND=$FOUND
phase photo photo 16;         PH_R=$R; PH_FOUND=$FOUND
STUFF_CODE=$(head -1 "$CODES")
phase urlencoded stuffing "$CONN" "$STUFF_CODE" 1; ST_R=$R; ST_FOUND=$FOUND; ST_ROWS=$ROWS
WARM_RATE=$(field rate "$WARM_R")

# ---- open loop at 80 % of pgbench's rate, for p99 ------------------------------------------------------------------
# bench/PacedLoad.java: $OPEN_CONN (256) keep-alive connections, each paced at rate ÷ connections, latency from each
# form's due time; the same phones and codes as wrk. Its own CPU per form is printed beside it.
OPEN=$(( PG_TPS * 8 / 10 ))
OL=$(paced_post "$OPEN" "$SECS" "$WARM" open)
OL_FOUND=$(found open)
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

row() { printf '| %-58s | %11s | %-22s | %6s | %-10s |\n' "$1" "$2" "$3" "$4" "$5"; }
errs() { echo $(( $(field failed "$1") + $(field socket_errors "$1") )); }
lat() { echo "$(field p50 "$1") / $(field p99 "$1")"; }
echo
echo "Minyi intake against its baselines $(date -u +%FT%TZ) — $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); wrk -t$THREADS -c$CONN, ${SECS}s per figure after ${WARM}s warm-up"
echo "load average before $LOAD0, after $LOAD1; JVM: $("$JAVA" -version 2>&1 | head -1) ${APP_JAVA_OPTS:--Xms1g -Xmx1g} ${AOT[*]} ${APP_ARGS:-}"
echo
row "what" "value" "baseline" "ratio" "target"
echo "|------------------------------------------------------------|-------------|------------------------|--------|------------|"
row "pgbench single-row INSERT into a copy of evaluation (tps)" "$PG_TPS" "" "" ""
row "jwebserver, GET /css/app.css (requests/s)" "$JWS_STATIC" "" "" ""
row "app, GET /css/app.css (requests/s)" "$APP_STATIC" "jwebserver $JWS_STATIC" "$(ratio "${APP_STATIC%% *}" "${JWS_STATIC%% *}")" "≥ 0.50"
row "warm rating form, url-encoded (receipts/s)" "$WARM_RATE" "pgbench $PG_TPS" "$(ratio "$WARM_RATE" "$PG_TPS")" "≥ 1.00"
row "  closed-loop p50 / p99 ms; errors" "$(lat "$WARM_R")" "errors $(errs "$WARM_R")" "" "0 errors"
row "  receipts found in the database" "$WARM_FOUND" "receipts $(field acked "$WARM_R")" "$(ratio "$WARM_FOUND" "$(field acked "$WARM_R")")" "1.00"
row "  stored forms flagged (kept, counted in no figure)" "${WARM_ROWS#* }" "stored ${WARM_ROWS%% *}" "$(ratio "${WARM_ROWS#* }" "${WARM_ROWS%% *}")" ""
row "open loop at 80 % of pgbench: receipts/s" "$(field rate "$OL")" "offered $OPEN" "$(ratio "$(field rate "$OL")" "$OPEN")" "1.00"
row "  p50 / p99 / p99.9 ms; errors" "$(lat "$OL")" "p99.9 $(field p999 "$OL"), errors $(errs "$OL")" "$(ratio "$(field p99 "$OL")" 100)" "p99 < 100"
row "  receipts found in the database" "$OL_FOUND" "receipts $(field acked "$OL")" "$(ratio "$OL_FOUND" "$(field acked "$OL")")" "1.00"
row "  generator: CPU µs per form sent; forms unsent; statuses" "$(field cpu_us "$OL")" "unsent $(field unsent "$OL"), $(field statuses "$OL")" "" "≤ 40 µs"
row "multipart, no photo (receipts/s)" "$(field rate "$MP_R")" "url-encoded $WARM_RATE" "$(ratio "$(field rate "$MP_R")" "$WARM_RATE")" "≈ 1.00"
row "  p50 / p99 ms; errors; found" "$(lat "$MP_R")" "err $(errs "$MP_R"), found $MP_FOUND/$(field acked "$MP_R")" "" ""
row "multipart with a 2000x1500 photo and a clue, 16 conn (/s)" "$(field rate "$PH_R")" "url-encoded $WARM_RATE" "$(ratio "$(field rate "$PH_R")" "$WARM_RATE")" ""
row "  p50 / p99 ms; errors; found" "$(lat "$PH_R")" "err $(errs "$PH_R"), found $PH_FOUND/$(field acked "$PH_R")" "" ""
row "ballot-stuffing: one phone, one code (receipts/s)" "$(field rate "$ST_R")" "url-encoded $WARM_RATE" "$(ratio "$(field rate "$ST_R")" "$WARM_RATE")" "≥ 1.00"
row "  kept rows / flagged rows; errors" "${ST_ROWS% *} / ${ST_ROWS#* }" "receipts $(field acked "$ST_R"), err $(errs "$ST_R")" "" "all kept"
row "cold: JVM start to readiness UP (s)" "$READY_S" "" "" ""
row "cold: first 30 s after readiness (receipts/s)" "$COLD_RATE" "warm $WARM_RATE" "$(ratio "$COLD_RATE" "$WARM_RATE")" "≥ 0.50"
row "  per 10 s slice (receipts/s); errors" "$(field rate "$C1")/$(field rate "$C2")/$(field rate "$C3")" "errors $COLD_ERR" "" "0 errors"
row "app RSS idle / peak cold / peak warm url-encoded (MB)" "$(mb "$IDLE_KB")" "$(mb "$COLD_KB") / $(mb "$WARM_KB")" "$(ratio "$WARM_KB" "$IDLE_KB")" "heap ≤ 1 GB"
[ "$FIRST_RUN" = 1 ] && echo "(first run on this data dir: 256 rating pages were fetched to make the simulated phones before the cold phase)"
echo "files in $OUT"
