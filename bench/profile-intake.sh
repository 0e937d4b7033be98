#!/usr/bin/env bash
# Flight recordings of the public paths under load (issue 14; run on purpose): bench/profile-intake.sh [seconds=20]
# Starts the app as bench/intake-baselines.sh does, warms it (10 s of rating forms), then records with
# `jcmd <pid> JFR.start settings=profile` while wrk drives, in turn: the url-encoded rating form, the multipart one,
# and GET /css/app.css. Prints bench/jfr-layers.py's table (share of request-thread CPU samples per layer) for each,
# and `jfr view allocation-by-class` for the rating form. Recordings land in $OUT/*.jfr.
# Environment: PROFILE_WARM (seconds of rating forms before recording, default 10; a loaded machine needs more for
# the JIT), PROFILE_PARTS (default "form multipart static"), PROFILE_APP_ARGS (e.g. --spring.threads.virtual.enabled=true
# with THREAD_PREFIX="" since virtual threads have no name).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-20}
. bench/intake-lib.sh
build_app
trap 'stop_app' EXIT
start_app "$OUT/app-profile.log" -XX:FlightRecorderOptions:stackdepth=256 -- --minyi.warm-up.duration=0s ${PROFILE_APP_ARGS:-}
prepare_phones
wrk_post urlencoded "${PROFILE_WARM:-10}" profile-warm > /dev/null
PARTS=" ${PROFILE_PARTS:-form multipart static} "
JCMD="$JDK/bin/jcmd"; JFR="$JDK/bin/jfr"
record() { # name wrk-output-file command...
  local name=$1 wrkout=$2; shift 2
  "$JCMD" "$APP" JFR.start name="$name" settings=profile > /dev/null
  local cpu0; cpu0=$(awk '{print $14 + $15}' "/proc/$APP/stat")
  "$@" > "$OUT/profile-$name.out" 2>&1 || true
  local cpu1; cpu1=$(awk '{print $14 + $15}' "/proc/$APP/stat")
  "$JCMD" "$APP" JFR.stop name="$name" filename="$OUT/$name.jfr" > /dev/null
  local n; n=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$wrkout")
  echo "app JVM CPU per request: $(awk -v t="$((cpu1 - cpu0))" -v n="${n:-0}" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.3f ms (%d requests)", t * 1000 / hz / n, n }')"
  "$JFR" print --events jdk.ExecutionSample --stack-depth 256 "$OUT/$name.jfr" > "$OUT/$name.samples.txt"
  echo "## $name  ($(grep -h '^RESULT\|Requests/sec' "$OUT/profile-$name.out" | head -1))"
  python3 bench/jfr-layers.py "$OUT/$name.samples.txt" "${THREAD_PREFIX:-http-nio}"
  echo
}
[[ $PARTS == *" form "* ]] && record form-urlencoded "$OUT/wrk-profile-form.txt" wrk_post urlencoded "$SECS" profile-form
[[ $PARTS == *" multipart "* ]] && record form-multipart "$OUT/wrk-profile-mp.txt" wrk_post multipart "$SECS" profile-mp
[[ $PARTS == *" photo "* ]] && record form-photo "$OUT/wrk-profile-photo.txt" wrk_post photo "$SECS" profile-photo 16
[[ $PARTS == *" static "* ]] && record static "$OUT/profile-static.out" wrk -t"$THREADS" -c"$CONN" -d"${SECS}s" "$BASE/css/app.css"
if [[ $PARTS == *" photo "* ]]; then
  echo "## hot methods, rating form with a photo"
  "$JFR" view --width 160 hot-methods "$OUT/form-photo.jfr" | head -40
fi
[[ $PARTS == *" form "* ]] || exit 0
echo "## allocation by class, url-encoded rating form"
"$JFR" view --width 160 allocation-by-class "$OUT/form-urlencoded.jfr" | head -30
echo "## CPU by thread, url-encoded rating form"
"$JFR" view --width 160 thread-cpu-load "$OUT/form-urlencoded.jfr" 2>/dev/null | head -25 || true
