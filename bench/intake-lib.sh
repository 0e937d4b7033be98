# Shared by bench/intake-baselines.sh and bench/cold-start.sh (sourced, not run): start and stop the app on a kept
# embedded database, prepare simulated phones, drive the rating form with wrk. Needs wrk (Debian: apt-get install wrk),
# pgbench and psql (postgresql-client), a JDK 25 under /usr/lib/jvm (the AOT cache needs it; 21+ runs the rest).
PORT=${BENCH_PORT:-8097}; PGPORT=${BENCH_PG_PORT:-54397}; STATIC_PORT=$((PORT + 1))
DATA=${BENCH_DATA_DIR:-/tmp/minyi-intake-pg}     # kept between runs: the demo city is made once
OUT=${BENCH_OUT:-/tmp/minyi-intake}
CONN=${CONN:-64}; THREADS=${THREADS:-2}
BASE="http://127.0.0.1:$PORT"
PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"
# RESIDENTS=1 (bench/wrk/intake.lua): every simulated phone has an address of its own, passed as a proxy passes it
if [ "${RESIDENTS:-}" = 1 ]; then
  export RESIDENTS
  APP_ARGS="${APP_ARGS:-} --server.forward-headers-strategy=native --server.tomcat.remoteip.remote-ip-header=X-Forwarded-For"
fi
JDK=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)
[ -n "$JDK" ] || JDK=$(ls -d /usr/lib/jvm/* | while read -r d; do v=$("$d/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$d"; done | head -1)
JAVA="$JDK/bin/java"
for tool in wrk pgbench psql curl; do command -v $tool >/dev/null || { echo "$tool missing (Debian: apt-get install wrk postgresql-client curl)"; exit 1; }; done
mkdir -p "$OUT"

# Packages once and extracts the jar (java -Djarmode=tools extract): an AOT cache or CDS archive only holds classes
# loaded from plain jars on the class path, not from the jar-in-jar of `java -jar minyi.jar`.
build_app() {
  [ "${SKIP_BUILD:-}" = 1 ] || mvn -q -B -DskipTests package
  JAR=${JAR:-$(ls target/minyi-*.jar | grep -v original | head -1)}
  EXTRACTED=target/extracted
  if [ ! -f "$EXTRACTED/$(basename "$JAR")" ] || [ "$JAR" -nt "$EXTRACTED/$(basename "$JAR")" ]; then
    rm -rf "$EXTRACTED"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$EXTRACTED" >/dev/null
  fi
  APP_JAR="$EXTRACTED/$(basename "$JAR")"
}

# start_app LOG [extra JVM flags...] [-- extra app arguments...]: sets APP (pid), READY_S (JVM start to readiness UP)
start_app() {
  local log=$1; shift
  local jvm=() args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do jvm+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  args=("$@")
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  "$JAVA" ${APP_JAVA_OPTS:--Xms1g -Xmx1g} "${jvm[@]}" -jar "$APP_JAR" --server.port="$PORT" \
    --minyi.embedded-db.data-dir="$DATA" --minyi.embedded-db.port="$PGPORT" --minyi.blobs.dir="$DATA-blobs" \
    --minyi.demo.activity=none --minyi.evaluation.rate-limit.per-address=100000000 \
    --minyi.lookups.per-address=100000000 --minyi.lookups.failed-per-address=100000000 \
    --logging.level.org.springframework.context.support.ResourceBundleMessageSource=ERROR \
    ${APP_ARGS:-} "${args[@]}" > "$log" 2>&1 &
  APP=$!
  for _ in $(seq 1 3000); do
    curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$APP" 2>/dev/null || { echo "app died; see $log"; exit 1; }
    sleep 0.1
  done
  curl -sf "$BASE/actuator/health/readiness" >/dev/null || { echo "app not ready; see $log"; exit 1; }
  READY_S=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
}

stop_app() {
  [ -n "${APP:-}" ] || return 0
  kill "$APP" 2>/dev/null || true
  wait "$APP" 2>/dev/null || true
  APP=
}

# Target codes and 256 simulated phones (device cookie + CSRF cookie + the form's token), kept with the database:
# the CSRF token is checked against its cookie only (no server state), so they stay valid across restarts.
prepare_phones() {
  local code dims
  CODES="$DATA-codes.txt"; DEVICES="$DATA-devices.txt"
  # on the first start the demo city's codes are issued just after it is loaded
  for _ in $(seq 1 120); do
    [ -s "$CODES" ] && break
    $PSQL -c "SELECT code FROM evaluation_target WHERE active ORDER BY id" > "$CODES" || true
    [ -s "$CODES" ] || sleep 1
  done
  [ -s "$CODES" ] || { echo "no active evaluation codes"; exit 1; }
  # Each code with the names of the questions its page asks (a unit's and an officer's differ): a phone sends the
  # answers to those, read here from one page of each kind so that the configured dimensions are used.
  TARGETS="$DATA-targets.txt"
  if [ ! -s "$TARGETS" ]; then
    local kind dims_unit dims_officer
    for kind in unit officer; do
      code=$($PSQL -c "SELECT code FROM evaluation_target WHERE active AND officer_id IS $([ $kind = unit ] && echo NULL || echo 'NOT NULL') ORDER BY id LIMIT 1")
      dims=$(curl -s "$BASE/e/$code" | grep -o 'name="r_[A-Za-z0-9]*"' | sed 's/^name="//; s/"$//' | uniq | paste -sd' ')
      [ -n "$dims" ] || { echo "no questions found on the rating page of $code"; exit 1; }
      [ $kind = unit ] && dims_unit=$dims || dims_officer=$dims
    done
    $PSQL -F $'\t' -c "SELECT code, CASE WHEN officer_id IS NULL THEN '$dims_unit' ELSE '$dims_officer' END
                       FROM evaluation_target WHERE active ORDER BY id" > "$TARGETS"
  fi
  # the version of the idempotency keys the running app's rating pages issue (7 unless
  # minyi.evaluation.time-ordered-keys=false, decision 0056): the generators send keys shaped as a phone would post them
  KEY_VERSION=$(curl -s "$BASE/e/$(head -1 "$CODES")" | sed -n 's/.*name="key" value="[0-9a-f]\{8\}-[0-9a-f]\{4\}-\([0-9a-f]\).*/\1/p' | head -1)
  export KEY_VERSION
  [ -s "$DEVICES" ] && return 0
  local i=0 page headers csrf cookie
  : > "$DEVICES"
  while [ $i -lt 256 ]; do
    code=$(sed -n "$(( i % $(wc -l < "$CODES") + 1 ))p" "$CODES")
    page=$(curl -s -D "$OUT/headers.txt" "$BASE/e/$code")
    csrf=$(grep -o 'name="_csrf" value="[^"]*"' <<< "$page" | head -1 | sed 's/.*value="//; s/"$//')
    cookie=$(grep -i '^set-cookie:' "$OUT/headers.txt" | sed 's/^[Ss]et-[Cc]ookie: *//; s/;.*//' | tr -d '\r' | paste -sd';' | sed 's/;/; /g')
    printf '%s\t%s\n' "$cookie" "$csrf" >> "$DEVICES"
    i=$((i + 1))
  done
}

# wrk_post FORM SECONDS LABEL [connections] [one-code] [one-device]: prints wrk's RESULT line; receipts' tracking
# codes land in $OUT/acked-LABEL-*.txt
wrk_post() {
  local form=$1 secs=$2 label=$3 conn=${4:-$CONN} one_code=${5:-} one_device=${6:-}
  rm -f "$OUT"/acked-"$label"-*.txt
  FORM=$form TARGETS=$TARGETS DEVICES=$DEVICES ONE_CODE=$one_code ONE_DEVICE=$one_device PHOTO="$OUT/photo.jpg" \
    ACKED_OUT="$OUT/acked-$label" \
    wrk -t"$THREADS" -c"$conn" -d"${secs}s" --timeout 30s -s bench/wrk/intake.lua "$BASE" > "$OUT/wrk-$label.txt" 2>&1 || true
  grep '^RESULT' "$OUT/wrk-$label.txt" || { cat "$OUT/wrk-$label.txt"; echo "RESULT acked=0 failed=0 socket_errors=0 seconds=$secs rate=0 p50=0 p99=0 max=0 statuses=wrk-failed"; }
}

# paced_post RATE SECONDS WARM-UP LABEL [connections]: the open loop (bench/PacedLoad.java, paced keep-alive
# connections on $OPEN_THREADS=1 thread — one selector thread cost less CPU per form than two —, latency from each
# form's due time) with the phones and codes of wrk_post; prints its RESULT line (wrk's
# fields plus offered, sent, unsent, p999 and the generator's own CPU, cpu_us per form sent); receipts' tracking codes
# land in $OUT/acked-LABEL-1.txt. Runs in the background when PACED_BG=1 (then $PACED is its pid and $OUT/paced-LABEL.txt
# its output).
paced_post() {
  local rate=$1 secs=$2 warm=$3 label=$4 conn=${5:-${OPEN_CONN:-256}}
  rm -f "$OUT"/acked-"$label"-*.txt
  if [ "${PACED_BG:-}" = 1 ]; then
    "$JAVA" -Xmx256m -XX:+UseSerialGC bench/PacedLoad.java "$BASE" "$TARGETS" "$DEVICES" "$rate" "$secs" "$warm" \
      "$OUT/acked-$label-1.txt" "$conn" "${OPEN_THREADS:-1}" > "$OUT/paced-$label.txt" 2>&1 &
    PACED=$!
    return 0
  fi
  "$JAVA" -Xmx256m -XX:+UseSerialGC bench/PacedLoad.java "$BASE" "$TARGETS" "$DEVICES" "$rate" "$secs" "$warm" \
    "$OUT/acked-$label-1.txt" "$conn" "${OPEN_THREADS:-1}" > "$OUT/paced-$label.txt" 2>&1 || true
  grep '^RESULT' "$OUT/paced-$label.txt" || { cat "$OUT/paced-$label.txt" >&2; echo "RESULT acked=0 failed=0 socket_errors=0 seconds=$secs rate=0 p50=0 p99=0 max=0 statuses=generator-failed offered=0 sent=0 unsent=0 p999=0 cpu_us=0 cpu_ms=0"; }
}

# field NAME RESULT-LINE
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $2"; }

# How many of the receipts shown under LABEL name an evaluation in the database.
# found LABEL: how many of the run's acknowledged receipts are rows in the database. A receipt of 11 characters stands
# for a row's id and the row stores no code (decision 0062; bench/ReceiptIds.java decodes it with the database's key);
# one of 10 (a jar from before) is stored with its row.
found() {
  cat "$OUT"/acked-"$1"-*.txt 2>/dev/null > "$OUT/acked-$1.all" || true
  bench/receipt-ids.sh "$JAR" "$($PSQL -c "SELECT encode(secret, 'hex') FROM evaluation_receipt_key" 2>/dev/null || true)" \
    < "$OUT/acked-$1.all" > "$OUT/acked-$1.ids"
  # ANALYZE: without statistics the planner may scan the evaluations once per receipt; "IS NOT NULL" lets the join
  # use the partial index of stored codes
  $PSQL -c "CREATE TEMP TABLE acked (code text, id bigint)" -c "\\copy acked FROM '$OUT/acked-$1.ids' WITH (DELIMITER ' ')" \
        -c "ANALYZE acked" \
        -c "SELECT (SELECT count(*) FROM acked a JOIN evaluation e ON e.tracking_code = a.code AND e.tracking_code IS NOT NULL
                    WHERE a.id IS NULL)
                 + (SELECT count(*) FROM acked a JOIN evaluation e ON e.id = a.id AND e.tracking_code IS NULL)" | tail -1
}

kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$APP/status"; }
peak_reset() { echo 5 > "/proc/$APP/clear_refs" 2>/dev/null || true; }
mb() { awk -v v="$1" 'BEGIN { printf "%.0f", v / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
