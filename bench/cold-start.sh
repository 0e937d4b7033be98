#!/usr/bin/env bash
# What each cold-start measure buys (issue 14; run on purpose): bench/cold-start.sh [variants] [warm seconds=20]
#   variants, default "plain warmup aot aot+warmup":
#     plain       no start-up warm-up (--minyi.warm-up.duration=0s), no AOT cache
#     warmup      the app's own warm-up before readiness (minyi.warm-up.duration, 10 s by default)
#     aot         JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) from a training run
#     aot+warmup  both
# For each: JVM start to readiness UP, then the first 30 s of the rating form (wrk, url-encoded, 3 slices of 10 s).
# Then, on the last JVM, the warm rate after 10 s more of load. Prints cold/warm ratios. The AOT cache is made once
# (target/minyi.aot, remade when the jar is newer): a training run starts the app with -XX:AOTCacheOutput, lets the
# warm-up and 20 s of rating forms run, and stops it (the JVM writes the cache on exit).
set -euo pipefail
cd "$(dirname "$0")/.."
VARIANTS=${1:-plain warmup aot aot+warmup}; SECS=${2:-20}
. bench/intake-lib.sh
build_app
trap 'stop_app' EXIT
AOT_FILE=${AOT_CACHE:-target/minyi.aot}

# the database, the codes and the simulated phones exist before any cold start is measured
start_app "$OUT/app-prepare.log" -- --minyi.warm-up.duration=0s
prepare_phones
stop_app

if [[ " $VARIANTS " == *aot* ]] && { [ ! -f "$AOT_FILE" ] || [ "$APP_JAR" -nt "$AOT_FILE" ]; }; then
  T=$(date +%s)
  start_app "$OUT/app-train.log" -XX:AOTCacheOutput="$AOT_FILE"
  wrk_post urlencoded 15 train > /dev/null
  wrk_post multipart 5 train-mp > /dev/null
  curl -s "$BASE/css/app.css" > /dev/null
  stop_app
  echo "AOT cache $AOT_FILE: $(du -h "$AOT_FILE" | cut -f1), training run and assembly $(( $(date +%s) - T )) s"
fi

row() { printf '| %-12s | %8s | %10s | %18s | %8s | %6s | %9s |\n' "$@"; }
RESULTS=()
for v in $VARIANTS; do
  jvm=(); args=(--minyi.warm-up.duration=0s)
  [[ $v == *aot* ]] && jvm=(-XX:AOTCache="$AOT_FILE")
  [[ $v == *warmup* ]] && args=()
  start_app "$OUT/app-$v.log" "${jvm[@]}" -- "${args[@]}"
  C1=$(wrk_post urlencoded 10 "$v-1"); C2=$(wrk_post urlencoded 10 "$v-2"); C3=$(wrk_post urlencoded 10 "$v-3")
  ACK=$(( $(field acked "$C1") + $(field acked "$C2") + $(field acked "$C3") ))
  ERR=$(( $(field failed "$C1") + $(field failed "$C2") + $(field failed "$C3") + $(field socket_errors "$C1") + $(field socket_errors "$C2") + $(field socket_errors "$C3") ))
  RESULTS+=("$v|$READY_S|$(( ACK / 30 ))|$(field rate "$C1")/$(field rate "$C2")/$(field rate "$C3")|$ERR|$(field p99 "$C1")")
  [ "$v" = "$(echo $VARIANTS | awk '{print $NF}')" ] || stop_app
done
wrk_post urlencoded 10 warmer > /dev/null
W=$(wrk_post urlencoded "$SECS" warm)
WARM=$(field rate "$W")
stop_app
echo
echo "Cold start $(date -u +%FT%TZ) — $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONN url-encoded rating form; warm rate $WARM receipts/s (p99 $(field p99 "$W") ms), measured after the last variant"
row variant "ready s" "first 30 s" "per 10 s" "errors" "ratio" "p99 1st ms"
echo "|--------------|----------|------------|--------------------|----------|--------|-----------|"
for r in "${RESULTS[@]}"; do
  IFS='|' read -r v ready rate slices err p99 <<< "$r"
  row "$v" "$ready" "$rate" "$slices" "$err" "$(ratio "$rate" "$WARM")" "$p99"
done
echo "ratio = first 30 s after readiness / warm rate (target ≥ 0.50 with no errors); files in $OUT"
