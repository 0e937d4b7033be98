#!/usr/bin/env bash
# Decision 0063: does the baseline (src/main/resources/db/migration) build the same schema as the old lineage?
# Builds two databases on one PostgreSQL server — one migrated by the jar of $OLD_REV (the last commit with the old
# migration files, Java migration V10_5 included), one by the baseline files applied with psql — brings both to the
# same later version with the migrations after the baseline, and compares pg_dump of both: the schema, then the rows
# of every table the migrations fill (not the history, the scheduler's rows or the per-installation receipt key).
#
# Needs a server whose major version matches the pg_dump on the PATH (pg_dump refuses a newer server; this machine
# packages only PostgreSQL 15: `apt-get install postgresql-15`, `service postgresql start`, then a role with CREATEDB)
# and a JDK 21+ with Maven for the old jar. Usage:
#   PGHOST=localhost PGUSER=minyi PGPASSWORD=minyi scripts/schema-equivalence.sh [OLD_REV]
# Prints the differences (none but the lines named in decision 0063 is the pass) and exits 1 when there are others.
set -euo pipefail
OLD_REV=${1:-180b595}
ROOT=$(git rev-parse --show-toplevel)
WORK=$(mktemp -d /tmp/schema-equivalence.XXXXXX)
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2*-jdk-amd64 2>/dev/null | tail -1)/bin/java}
trap 'git -C "$ROOT" worktree remove --force "$WORK/old" >/dev/null 2>&1 || true' EXIT

echo "old lineage: building the jar of $OLD_REV"
git -C "$ROOT" worktree add --detach "$WORK/old" "$OLD_REV" >/dev/null
(cd "$WORK/old" && mvn -B -q package -DskipTests -Dmaven.javadoc.skip=true) >"$WORK/old-build.log" 2>&1

for db in minyi_lineage minyi_baseline; do dropdb --if-exists "$db"; createdb "$db"; done

echo "old lineage: migrating minyi_lineage with the old jar"
SPRING_DATASOURCE_URL="jdbc:postgresql://${PGHOST:-localhost}:${PGPORT:-5432}/minyi_lineage" \
SPRING_DATASOURCE_USERNAME="$PGUSER" SPRING_DATASOURCE_PASSWORD="$PGPASSWORD" \
  "$JAVA" -jar "$WORK"/old/target/minyi-*.jar --minyi.demo.load=never --server.port=0 >"$WORK/old-app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do grep -q 'Started MinyiApplication' "$WORK/old-app.log" && break; sleep 1; done
kill "$APP"; wait "$APP" 2>/dev/null || true
grep -q 'Successfully applied' "$WORK/old-app.log" || { echo "the old jar did not migrate: $WORK/old-app.log"; exit 2; }

version() { basename "$1" | sed -E 's/^V([0-9_]+)__.*/\1/' | tr _ .; }
BASELINE=()
LATER=()
for f in $(ls "$ROOT"/src/main/resources/db/migration/V*.sql | sort -V); do
  v=$(version "$f")
  if [[ $v == 10.42.* ]]; then BASELINE+=("$f"); else LATER+=("$f"); fi
done
echo "baseline: applying ${#BASELINE[@]} files to minyi_baseline; then ${#LATER[@]} later files to both"
for f in "${BASELINE[@]}"; do psql -q -v ON_ERROR_STOP=1 -1 -d minyi_baseline -f "$f" >/dev/null; done
for f in "${LATER[@]}"; do
  for db in minyi_lineage minyi_baseline; do psql -q -v ON_ERROR_STOP=1 -1 -d "$db" -f "$f" >/dev/null 2>&1; done
done

dump() {
  pg_dump -d "$1" --no-owner --no-privileges "${@:2}" --exclude-table=flyway_schema_history \
    --exclude-table=scheduled_tasks --exclude-table=evaluation_receipt_key | grep -v '^\\\(un\)\?restrict'
}
dump minyi_lineage --schema-only >"$WORK/lineage-schema.sql"
dump minyi_baseline --schema-only >"$WORK/baseline-schema.sql"
# the times in reference rows are when each database was migrated (now() defaults): compared as '<time>'
times="s/'[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9:.]*+00'/'<time>'/g"
dump minyi_lineage --data-only --column-inserts 2>/dev/null | sed "$times" >"$WORK/lineage-data.sql"
dump minyi_baseline --data-only --column-inserts 2>/dev/null | sed "$times" >"$WORK/baseline-data.sql"

status=0
echo "--- schema (< old lineage, > baseline)"
diff "$WORK/lineage-schema.sql" "$WORK/baseline-schema.sql" | grep '^[<>]' | tee "$WORK/schema.diff" || true
# PostgreSQL prints a trigger's WHEN clause from its parse tree: OR chains built one migration at a time come back
# with more brackets than the same chain written at once. Only lines other than such a pair fail the check.
if grep -v 'CREATE TRIGGER survey_invitation_tally_update ' "$WORK/schema.diff" | grep -q .; then status=1; fi
echo "--- rows (< old lineage, > baseline)"
if ! diff "$WORK/lineage-data.sql" "$WORK/baseline-data.sql"; then status=1; fi
echo "receipt keys: $(psql -Atc 'SELECT length(secret) FROM evaluation_receipt_key' -d minyi_baseline) bytes in the baseline's"
[ $status = 0 ] && echo "EQUIVALENT (files in $WORK)" || echo "DIFFERENT (files in $WORK)"
exit $status
