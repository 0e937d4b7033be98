#!/usr/bin/env bash
# Starts the 12345 hotline simulator next to a running Minyi (default http://localhost:8080): it pushes one work
# order, prints every acceptance/progress/result Minyi sends back, and answers items forwarded to 12345 after ten
# seconds. Contract: docs/integration-12345.md.
#   scripts/hotline-demo.sh [minyi-base-url] [simulator-port]
set -euo pipefail
cd "$(dirname "$0")/.."
MINYI=${1:-http://localhost:8080}; PORT=${2:-18345}
[ -d target/classes/io/minyi/integration/simulator ] || mvn -q -B -DskipTests compile
echo "Minyi's hotline_endpoint must point at http://localhost:$PORT (the default of a new database)."
exec java -cp target/classes io.minyi.integration.simulator.HotlineSimulator "$PORT" "$MINYI" \
  "${MINYI_HOTLINE_SECRET:-demo-12345-secret-change-me}"
