# Shared by crash-test.sh and db-restart-test.sh (sourced, not run).
# Needs: PORT, PGPORT, DATA, OUT set by the caller.

JAVA=$(ls -d /usr/lib/jvm/*/bin/java | while read -r j; do v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [ "${v:-0}" -ge 21 ] && echo "$j"; done | head -1)
[ -n "$JAVA" ] || { echo "need a JDK 21+ under /usr/lib/jvm"; exit 1; }
command -v psql >/dev/null || { echo "psql missing: apt-get install postgresql-client"; exit 1; }
PSQL="psql -q -X -At -h localhost -p $PGPORT -U postgres -d postgres"

build_jar() {
  mvn -q -B -DskipTests package
  JAR=$(ls target/minyi-*.jar | grep -v original | head -1)
}

# Starts the app in its own session (setsid), so that its process group is APP (the JVM's pid) and one signal to
# -APP reaches the JVM and every thread of it. PostgreSQL is started by zonky through pg_ctl, which puts the
# postmaster in a session of its own; pg_pid finds it through its pid file.
start_app() {
  setsid "$JAVA" -Xms512m -Xmx512m -jar "$JAR" --server.port=$PORT --minyi.embedded-db.data-dir=$DATA \
    --minyi.embedded-db.port=$PGPORT --minyi.evaluation.rate-limit.per-address=100000000 \
    --logging.level.org.springframework.context.support.ResourceBundleMessageSource=ERROR \
    >> "$OUT/app.log" 2>&1 < /dev/null &
  APP=$!
  for i in $(seq 1 240); do
    curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 $APP 2>/dev/null || { echo "app exited; see $OUT/app.log"; exit 1; }
    sleep 1
  done
  curl -sf "http://localhost:$PORT/actuator/health" >/dev/null || { echo "app did not start; see $OUT/app.log"; exit 1; }
  for i in $(seq 1 60); do [ "$($PSQL -c 'SELECT count(*) FROM evaluation_target WHERE active')" -gt 0 ] && break; sleep 1; done
}

pg_pid() {
  # empty when PostgreSQL is not running (no pid file); never fails, so that set -e callers go on
  head -1 "$DATA/postmaster.pid" 2>/dev/null || true
}

stop_app() {
  [ -n "${APP:-}" ] && kill $APP 2>/dev/null && for i in $(seq 1 60); do kill -0 $APP 2>/dev/null || break; sleep 1; done
  [ -n "${APP:-}" ] && kill -9 -- -$APP 2>/dev/null
  local pg; pg=$(pg_pid); [ -n "$pg" ] && kill -9 -- -"$pg" 2>/dev/null
  APP=
  return 0
}

# Every acknowledged evaluation ("key receipt" lines) joined against the database: prints the count found.
# A receipt of 11 characters stands for its row's id (decision 0062): bench/receipt-ids.sh adds the id to each line.
count_found() {
  bench/receipt-ids.sh "$JAR" "$($PSQL -c "SELECT encode(secret, 'hex') FROM evaluation_receipt_key")" < "$1" > "$1.ids"
  $PSQL -c "CREATE TEMP TABLE acked (k uuid, code text, id bigint)" -c "\\copy acked FROM '$1.ids' WITH (DELIMITER ' ')" -c "ANALYZE acked" \
        -c "SELECT count(*) FROM acked a JOIN evaluation e ON e.idempotency_key = a.k AND (e.tracking_code = replace(a.code, '-', '') OR (e.tracking_code IS NULL AND e.id = a.id))" | tail -1
}
