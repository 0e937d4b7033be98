#!/usr/bin/env bash
# Scale-out drill (issue 15; run on purpose, never by mvn verify). Run it alone, as root, on a quiet machine:
#   flock /tmp/minyi-bench.lock bench/cluster-test.sh [rounds=10] [load-seconds=45] [workers=8]
# Installs what it lacks from Debian (postgresql, haproxy), then starts on loopback only:
#   a PostgreSQL primary (:55432) and a streaming hot standby made with pg_basebackup (:55433),
#   two Minyi nodes (-Xmx512m, :18101 and :18102) whose JDBC URL names both servers with targetServerType=primary
#   (so they follow a promotion by themselves) and whose read replica is the standby,
#   HAProxy on :18100, round-robin, no sticky sessions, health check GET /actuator/health/readiness every second.
# Phases, each printing its figures:
#   A. the closed loop through the balancer (bench/ClusterLoop.java): duplicate suggestions across nodes;
#   B. kill -9 of node 2 under submission load (bench/FaultLoad.java): acknowledged submissions all in the database,
#      a signed-in dispatcher stays signed in, the balancer takes the node out, the restarted node rejoins;
#   C. scheduled work exactly once: the daily-report window forced due on both nodes, three times;
#   D. failover: the primary stopped (immediate, as a crash), the standby promoted; seconds of refused writes,
#      answers that were not 503, acknowledged submissions lost. SYNC=1 (default) runs the standby as synchronous
#      (synchronous_standby_names='*'), SYNC=0 asynchronous, to show what each loses.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-10}; LOAD=${2:-45}; WORKERS=${3:-8}; SYNC=${SYNC:-1}
BASE=/tmp/minyi-cluster; OUT=$BASE/out
P1=55432; P2=55433; LB=18100; N1=18101; N2=18102; STATS=18199
FAIL=""

need=()
command -v haproxy >/dev/null || need+=(haproxy)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
command -v psql >/dev/null || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
JAVA=$(ls -d /usr/lib/jvm/*/bin/java | while read -r j; do v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$j"; done | head -1)
[ -n "$JAVA" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { local port=$1; shift; psql -q -X -At -h 127.0.0.1 -p "$port" -U postgres -d minyi "$@"; }
now_ms() { date +%s%3N; }

declare -A NODE_PID
stop_all() {
  touch "$OUT/stop" 2>/dev/null || true
  for n in "${!NODE_PID[@]}"; do kill -9 -- -"${NODE_PID[$n]}" 2>/dev/null || true; done
  [ -f "$BASE/haproxy.pid" ] && kill "$(cat "$BASE/haproxy.pid")" 2>/dev/null || true
  for d in p r; do [ -f "$BASE/$d/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$BASE/$d" -m immediate stop >/dev/null 2>&1 || true; done
  return 0
}
trap stop_all EXIT

rm -rf "$BASE"; mkdir -p "$OUT"
# PostgreSQL runs as the postgres account and writes its logs into $OUT
[ "$(id -u)" = 0 ] && chown -R postgres "$BASE"

echo "== PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'): primary :$P1, streaming standby :$P2 (SYNC=$SYNC)"
as_pg "$PGBIN/initdb" -D "$BASE/p" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$OUT/initdb.log"
cat >> "$BASE/p/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $P1
unix_socket_directories = '$BASE'
max_connections = 200
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 10
wal_keep_size = 1GB
hot_standby = on
CONF
as_pg "$PGBIN/pg_ctl" -D "$BASE/p" -l "$OUT/primary.log" -w start >/dev/null
psql -q -X -h 127.0.0.1 -p $P1 -U postgres -d postgres -c "CREATE DATABASE minyi ENCODING 'UTF8' TEMPLATE template0"
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p $P1 -U postgres -D "$BASE/r" -R -X stream -c fast
# the copied configuration names the primary's settings; once promoted, the standby must not wait for a standby itself
printf "port = %s\nsynchronous_standby_names = ''\n" "$P2" >> "$BASE/r/postgresql.conf"
as_pg "$PGBIN/pg_ctl" -D "$BASE/r" -l "$OUT/replica.log" -w start >/dev/null
[ "$(sql $P2 -c 'SELECT pg_is_in_recovery()')" = t ] || { echo "the standby is not in recovery"; exit 1; }
# synchronous only once the standby streams: before, every commit on the primary would wait for it
if [ "$SYNC" = 1 ]; then
  sql $P1 -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null
fi

echo "== building the jar"
mvn -q -B -o -DskipTests package
JAR=$(ls target/minyi-*.jar | grep -v original | head -1)
head -c 32 /dev/urandom | base64 > "$BASE/audit.key"

start_node() { # n port demo-load
  local n=$1 port=$2 load=$3
  setsid "$JAVA" -Xms512m -Xmx512m -jar "$JAR" --server.port="$port" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$P1,127.0.0.1:$P2/minyi?targetServerType=primary&reWriteBatchedInserts=true" \
    --spring.datasource.username=postgres \
    --minyi.replica.url="jdbc:postgresql://127.0.0.1:$P2/minyi" \
    --minyi.demo.load="$load" --minyi.demo.activity=none \
    --minyi.audit.key-file="$BASE/audit.key" --minyi.audit.checkpoint-file="$BASE/node$n-checkpoints.log" \
    --minyi.evaluation.rate-limit.per-address=100000000 --minyi.lookups.per-address=100000000 \
    --minyi.lookups.failed-per-address=100000000 --db-scheduler.polling-interval=2s \
    --logging.level.org.springframework.context.support.ResourceBundleMessageSource=ERROR \
    >> "$OUT/node$n.log" 2>&1 < /dev/null &
  NODE_PID[$n]=$!
  local t0; t0=$(now_ms)
  for i in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "${NODE_PID[$n]}" 2>/dev/null || { echo "node $n exited; see $OUT/node$n.log"; tail -30 "$OUT/node$n.log"; exit 1; }
    sleep 1
  done
  curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null || { echo "node $n not ready"; exit 1; }
  echo "node $n ready on :$port after $(( ($(now_ms) - t0) / 1000 )) s"
}

echo "== two Minyi nodes"
start_node 1 $N1 always
start_node 2 $N2 never

cat > "$BASE/haproxy.cfg" <<CFG
global
  maxconn 4000
  pidfile $BASE/haproxy.pid
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 2
  option redispatch
frontend minyi
  bind 127.0.0.1:$LB
  default_backend nodes
  # a node killed mid-request (502) or no node up (HAProxy's own 503): "try again", like the app's own 503
  http-after-response set-status 503 if { status 502 }
  http-after-response set-header Retry-After 5 if { status 503 } !{ res.hdr(Retry-After) -m found }
backend nodes
  balance roundrobin
  # HTTP/1.1 with a Host header: a bare HTTP/1.0 probe is not what the application answers 200 to
  option httpchk
  http-check send meth GET uri /actuator/health/readiness ver HTTP/1.1 hdr Host 127.0.0.1
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
  server n1 127.0.0.1:$N1 check
  server n2 127.0.0.1:$N2 check
listen stats
  bind 127.0.0.1:$STATS
  stats enable
  stats uri /stats
CFG
haproxy -f "$BASE/haproxy.cfg" -D
node_state() { curl -s "http://127.0.0.1:$STATS/stats;csv" | awk -F, -v s="$1" '$1 == "nodes" && $2 == s { print $18 }'; }
for i in $(seq 1 30); do [ "$(node_state n1)$(node_state n2)" = UPUP ] && break; sleep 1; done
echo "balancer :$LB, nodes $(node_state n1)/$(node_state n2)"
[ "$(node_state n1)$(node_state n2)" = UPUP ] || { echo "the balancer does not see both nodes up"; exit 1; }

COUNTY=$(sql $P1 -c "SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
STATION=$(sql $P1 -c "SELECT unit_id FROM staff_account WHERE username = 'handler'")
CODE=$(sql $P1 -c "SELECT t.code FROM evaluation_target t JOIN unit u ON u.id = t.unit_id WHERE t.active AND t.officer_id IS NULL ORDER BY t.id LIMIT 1")
sql $P1 -c "SELECT code FROM evaluation_target WHERE active" > "$OUT/codes.txt"

echo; echo "== A. the closed loop through the balancer ($ROUNDS rounds)"
"$JAVA" bench/ClusterLoop.java "http://127.0.0.1:$LB" "$CODE" "$COUNTY" "$STATION" "$ROUNDS" | tee "$OUT/loop.txt" \
  || FAIL="$FAIL loop"

count_found() { # port acked-file; a receipt of 11 characters stands for its row's id (0062, bench/receipt-ids.sh)
  bench/receipt-ids.sh "$JAR" "$(sql "$1" -c "SELECT encode(secret, 'hex') FROM evaluation_receipt_key")" < "$2" > "$2.ids"
  sql "$1" -c "CREATE TEMP TABLE acked (k uuid, code text, id bigint)" -c "\\copy acked FROM '$2.ids' WITH (DELIMITER ' ')" -c "ANALYZE acked" \
    -c "SELECT count(*) FROM acked a JOIN evaluation e ON e.idempotency_key = a.k AND (e.tracking_code = replace(a.code, '-', '') OR (e.tracking_code IS NULL AND e.id = a.id))" | tail -1
}
# A signed-in dispatcher (session cookie through the balancer): 200 from /pool means still signed in.
JAR_COOKIES="$OUT/dispatcher.cookies"
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "http://127.0.0.1:$LB/login" -o "$OUT/login.html"
TOKEN=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$OUT/login.html" | head -1)
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -o /dev/null --data-urlencode "username=dispatcher1" \
  --data-urlencode "password=Minyi@2026" --data-urlencode "_csrf=$TOKEN" "http://127.0.0.1:$LB/login"
signed_in() { # how many of n requests to /pool answered 200
  local ok=0; for i in $(seq 1 "$1"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR_COOKIES" "http://127.0.0.1:$LB/pool")" = 200 ] && ok=$((ok + 1))
  done; echo $ok; }
[ "$(signed_in 4)" = 4 ] || FAIL="$FAIL not-signed-in"

echo; echo "== B. kill -9 of node 2 under load ($WORKERS workers, $LOAD s)"
: > "$OUT/acked-b.txt"; rm -f "$OUT/stop"
"$JAVA" bench/FaultLoad.java "http://127.0.0.1:$LB" "$OUT/codes.txt" "$WORKERS" "$LOAD" "$OUT/stop" \
  "$OUT/acked-b.txt" "$OUT/timeline-b.txt" > "$OUT/load-b.txt" 2> "$OUT/load-b-errors.txt" &
LOADPID=$!
sleep $((LOAD / 3))
KILL_MS=$(now_ms); kill -9 -- -"${NODE_PID[2]}"
for i in $(seq 1 150); do [ "$(node_state n2)" = UP ] || break; sleep 0.2; done
OUT_MS=$(now_ms)
SIGNED_DURING=$(signed_in 10)
RESTART_MS=$(now_ms); start_node 2 $N2 never
for i in $(seq 1 150); do [ "$(node_state n2)" = UP ] && break; sleep 0.2; done
REJOIN_MS=$(now_ms)
SIGNED_AFTER=$(signed_in 10)
wait $LOADPID || true
ACKED_B=$(wc -l < "$OUT/acked-b.txt"); FOUND_B=$(count_found $P1 "$OUT/acked-b.txt")
S500_B=$(awk '$3 == 500' "$OUT/timeline-b.txt" | wc -l)
S502_B=$(awk '$3 == 502 || $3 == 504' "$OUT/timeline-b.txt" | wc -l)
cat "$OUT/load-b.txt"
printf "| %-45s | %9s |\n" "kill -9 to balancer marking node 2 down (s)" "$(awk -v a="$KILL_MS" -v b="$OUT_MS" 'BEGIN{printf "%.1f", (b-a)/1000}')"
printf "| %-45s | %9s |\n" "signed-in dispatcher, 200 of 10, node 2 down" "$SIGNED_DURING"
printf "| %-45s | %9s |\n" "restart to rejoining the balancer (s)" "$(awk -v a="$RESTART_MS" -v b="$REJOIN_MS" 'BEGIN{printf "%.1f", (b-a)/1000}')"
printf "| %-45s | %9s |\n" "signed-in dispatcher, 200 of 10, after rejoin" "$SIGNED_AFTER"
printf "| %-45s | %9s |\n" "acknowledged / found in the database" "$ACKED_B / $FOUND_B"
printf "| %-45s | %9s |\n" "500 answers / 502+504 (in flight at the kill)" "$S500_B / $S502_B"
[ "$ACKED_B" = "$FOUND_B" ] || FAIL="$FAIL lost-on-kill=$((ACKED_B - FOUND_B))"
[ "$SIGNED_DURING" = 10 ] && [ "$SIGNED_AFTER" = 10 ] || FAIL="$FAIL signed-out"
[ "$S500_B" = 0 ] || FAIL="$FAIL 500-on-kill"

echo; echo "== C. scheduled work exactly once (daily-report window forced due on both nodes, 3 times)"
DAY="(now() AT TIME ZONE 'Asia/Shanghai')::date - 1"
REPORTS=$(sql $P1 -c "SELECT 1 + count(*) FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE parent_id IS NULL)")
events() { sql $P1 -c "SELECT count(*) FROM audit_event WHERE record_type = 'daily_report' AND action IN ('reporting.daily_report.generate', 'reporting.daily_report.regenerate', 'report.generate', 'report.regenerate') AND record_id IN (SELECT id::text FROM daily_report WHERE day = $DAY)"; }
E0=$(events)
for w in 1 2 3; do
  sql $P1 -c "UPDATE scheduled_tasks SET execution_time = now() WHERE task_name = 'daily-report'" >/dev/null
  sleep 12
done
E3=$(events)
printf "| %-45s | %9s |\n" "daily reports per window (city + counties)" "$REPORTS"
printf "| %-45s | %9s |\n" "report events in 3 windows (expected $((3 * REPORTS)))" "$((E3 - E0))"
[ $((E3 - E0)) = $((3 * REPORTS)) ] || FAIL="$FAIL scheduling-not-once"

echo; echo "== D. failover: primary stopped (immediate), standby promoted, under load"
: > "$OUT/acked-d.txt"; rm -f "$OUT/stop"
"$JAVA" bench/FaultLoad.java "http://127.0.0.1:$LB" "$OUT/codes.txt" "$WORKERS" "$LOAD" "$OUT/stop" \
  "$OUT/acked-d.txt" "$OUT/timeline-d.txt" > "$OUT/load-d.txt" 2> "$OUT/load-d-errors.txt" &
LOADPID=$!
sleep $((LOAD / 3))
STOP_MS=$(now_ms)
as_pg "$PGBIN/pg_ctl" -D "$BASE/p" -m immediate stop >/dev/null
sleep 2   # an operator's or a watchdog's detection time
as_pg "$PGBIN/pg_ctl" -D "$BASE/r" -w promote >/dev/null
PROMOTED_MS=$(now_ms)
wait $LOADPID || true
ACKED_D=$(wc -l < "$OUT/acked-d.txt"); FOUND_D=$(count_found $P2 "$OUT/acked-d.txt")
# Writes were refused for the longest stretch without a receipt after the stop: a request or two may still commit
# while the primary is going down, so "the first receipt after a refusal" could come before the outage had begun.
read -r GAP_MS GAP_END <<<"$(awk -v t="$STOP_MS" '$3 == 200 && $2 >= t { print $2 }' "$OUT/timeline-d.txt" | sort -n |
  awk -v t="$STOP_MS" 'BEGIN { p = t; g = 0; e = 0 } { if ($1 - p > g) { g = $1 - p; e = $1 } p = $1 } END { printf "%.0f %.0f\n", g, e }')"
FIRST_OK=$([ "$GAP_END" != 0 ] && echo "$GAP_END" || true)
# printf, not print: awk prints a number of 13 digits as 1.79599e+12 and the difference came out as -1117.8 s
LAST_BAD=$(awk -v t="$STOP_MS" '$3 != 200 && $1 >= t { if ($2 > m) m = $2 } END { printf "%.0f\n", m + 0 }' "$OUT/timeline-d.txt")
S500_D=$(awk -v t="$STOP_MS" '$3 == 500 && $1 >= t' "$OUT/timeline-d.txt" | wc -l)
S503_D=$(awk -v t="$STOP_MS" '$3 == 503 && $1 >= t' "$OUT/timeline-d.txt" | wc -l)
OTHER_D=$(awk -v t="$STOP_MS" '$3 != 200 && $3 != 503 && $1 >= t' "$OUT/timeline-d.txt" | wc -l)
cat "$OUT/load-d.txt"
printf "| %-45s | %9s |\n" "stop to promotion done (s)" "$(awk -v a="$STOP_MS" -v b="$PROMOTED_MS" 'BEGIN{printf "%.1f", (b-a)/1000}')"
printf "| %-45s | %9s |\n" "writes refused: longest stretch without a receipt (s)" "$(awk -v g="$GAP_MS" 'BEGIN{printf "%.1f", g/1000}')"
printf "| %-45s | %9s |\n" "stop to the first receipt after it (s)" "$(awk -v a="$STOP_MS" -v b="$FIRST_OK" 'BEGIN{ if (b == "") print "never"; else printf "%.1f", (b-a)/1000}')"
printf "| %-45s | %9s |\n" "stop to last refused answer (s)" "$(awk -v a="$STOP_MS" -v b="$LAST_BAD" 'BEGIN{ if (b == 0) print "-"; else printf "%.1f", (b-a)/1000}')"
printf "| %-45s | %9s |\n" "503 / 500 / other non-200 after the stop" "$S503_D / $S500_D / $OTHER_D"
printf "| %-45s | %9s |\n" "acknowledged / found on the new primary" "$ACKED_D / $FOUND_D"
[ "$S500_D" = 0 ] || FAIL="$FAIL 500-on-failover"
[ -n "$FIRST_OK" ] || FAIL="$FAIL no-recovery-after-failover"
[ "$ACKED_D" = "$FOUND_D" ] || FAIL="$FAIL lost-on-failover=$((ACKED_D - FOUND_D))"
grep -c . "$OUT/load-d-errors.txt" >/dev/null && { echo "first unexpected answers:"; head -5 "$OUT/load-d-errors.txt"; }

echo; uptime
[ -z "$FAIL" ] || { echo "FAILED:$FAIL"; exit 1; }
echo "all cluster checks passed"
