#!/usr/bin/env bash
# Which relations a receipt's WAL goes to, full-page images apart (issue 14; run on purpose, alone):
#   bench/intake-wal.sh [seconds=15]
# Starts the app as bench/intake-ab.sh does, warms it (10 s of rating forms), forces a checkpoint, then drives the
# form for $seconds with wrk and reads the WAL written meanwhile with pg_walinspect (pg_get_wal_block_info): every block
# a record touched, by relation, with the full-page images among them. Right after a checkpoint a page's first change
# writes the whole page to the WAL; which relations' pages those are says where the WAL per receipt of
# bench/intake-ab.sh comes from. Prints, per relation: block references, full-page images and their kB per receipt.
# Environment as bench/intake-lib.sh (RESIDENTS=1, BENCH_DATA_DIR, AB_FORM, APP_ARGS).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
. bench/intake-lib.sh
build_app
trap 'stop_app' EXIT
start_app "$OUT/app-wal.log" -- ${WAL_APP_ARGS:-}
prepare_phones
wrk_post "${AB_FORM:-urlencoded}" 10 wal-warm > /dev/null
$PSQL -c "CREATE EXTENSION IF NOT EXISTS pg_walinspect" > /dev/null
$PSQL -c "CHECKPOINT" > /dev/null
START=$($PSQL -c "SELECT pg_current_wal_lsn()")
R=$(wrk_post "${AB_FORM:-urlencoded}" "$SECS" wal)
END=$($PSQL -c "SELECT pg_current_wal_lsn()")
N=$(field acked "$R")
echo "## ${AB_FORM:-urlencoded}, $SECS s after a checkpoint: $R"
echo "WAL $START → $END: $($PSQL -c "SELECT pg_size_pretty(pg_wal_lsn_diff('$END', '$START'))"), $($PSQL -c "SELECT round(pg_wal_lsn_diff('$END', '$START') / 1024.0 / greatest($N, 1), 2)") kB per receipt"
echo
echo "| relation | block references per receipt | full-page images per receipt | FPI kB per receipt | record kB per receipt |"
echo "|---|---|---|---|---|"
$PSQL -F ' | ' -c "
  SELECT coalesce(c.relname, b.relfilenode::text), round(count(*)::numeric / $N, 3),
         round((count(*) FILTER (WHERE b.block_fpi_length > 0))::numeric / $N, 3),
         round(sum(b.block_fpi_length) / 1024.0 / $N, 2), round(sum(b.main_data_length + b.block_data_length) / 1024.0 / $N, 2)
  FROM pg_get_wal_block_info('$START', '$END', true) b
  LEFT JOIN pg_class c ON c.relfilenode = b.relfilenode AND b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
  GROUP BY 1 ORDER BY sum(b.block_fpi_length) DESC, count(*) DESC LIMIT 25" | sed 's/^/| /; s/$/ |/'
echo
echo "| record type | records per receipt | full-page images per receipt |"
echo "|---|---|---|"
$PSQL -F ' | ' -c "
  SELECT b.resource_manager || '/' || b.record_type, round(count(DISTINCT b.start_lsn)::numeric / $N, 2),
         round((count(*) FILTER (WHERE b.block_fpi_length > 0))::numeric / $N, 3)
  FROM pg_get_wal_block_info('$START', '$END', true) b GROUP BY 1 ORDER BY 2 DESC LIMIT 15" | sed 's/^/| /; s/$/ |/'
