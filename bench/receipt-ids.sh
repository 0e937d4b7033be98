#!/usr/bin/env bash
# bench/receipt-ids.sh JAR KEY_HEX < lines > lines-with-ids: each line whose last field is a receipt code, with the id
# the code stands for appended (\N for a 10-character code, stored with its row): decision 0062, bench/ReceiptIds.java.
# KEY_HEX is `SELECT encode(secret, 'hex') FROM evaluation_receipt_key`. The jar is extracted once beside itself.
set -euo pipefail
JAR=$1; KEY=${2:-}
JDK=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1); JAVA=${JDK:+$JDK/bin/}java
DIR="$(dirname "$JAR")/extracted-ids"
if [ ! -f "$DIR/$(basename "$JAR")" ] || [ "$JAR" -nt "$DIR/$(basename "$JAR")" ]; then
  rm -rf "$DIR"
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DIR" >/dev/null
fi
exec "$JAVA" -cp "$DIR/$(basename "$JAR"):$DIR/lib/*" "$(dirname "$0")/ReceiptIds.java" "$KEY"
