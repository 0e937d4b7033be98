#!/usr/bin/env bash
# Every role's menu timed on a kept database (run on purpose, alone): bench/menu-pages.sh [measured=6] [unmeasured=6]
# Starts the app (bench/intake-lib.sh's start_app, warm-up off) on $BENCH_DATA_DIR — e.g. the database of
# `bench/load-data.sh 1000000 10000000` — then, for each demo account in $USERS, signs in, reads the links of its home
# page's menu (bench/menu-links.py) and times each link with bench/PageTimer.java, one request at a time. Six
# unmeasured requests by default: after five the JDBC driver prepares a statement on the server and PostgreSQL may
# switch to a generic plan (decision 0069), so a page that is fast only while planned per call shows it here.
# Prints PageTimer's ROW lines (label|n|p50|p95|p99|max, ms) prefixed by the account; a link that does not answer
# 200/302 stops that account's run and is printed. Needs the bench class path (bench/load-data.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
MEASURED=${1:-6}; UNMEASURED=${2:-6}
USERS=${USERS:-leader dispatcher supervisor discipline handler unitleader orgdept mediator gridworker admin}
. bench/intake-lib.sh
build_app
[ -f target/bench-classpath.txt ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP=$(cat target/bench-classpath.txt)
trap 'stop_app' EXIT
start_app "$OUT/app-menu.log" -- --minyi.warm-up.duration=0s
for user in $USERS; do
  links=$(python3 bench/menu-links.py "$BASE" "$user")
  specs=()
  for l in $links; do specs+=("$l|GET|$l"); done
  "$JAVA" -cp "$CP" bench/PageTimer.java "$BASE" "$user" "$UNMEASURED" "$MEASURED" "${specs[@]}" 2>&1 \
    | grep -E 'ROW|Exception|answered' | sed "s/^/$user /" || true
done
