#!/usr/bin/env bash
# Measures the Excel import of officers (3,000 rows three times, then 10,000) over HTTP against the embedded
# PostgreSQL with the demo city, and prints the figures. Run on purpose; it is not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test -Dtest=OfficerImportBench -Dsurefire.failIfNoSpecifiedTests=false
echo "Officer import ($(nproc) CPUs, $(date -u +%FT%TZ)):"
cat target/bench/import-officers.txt
