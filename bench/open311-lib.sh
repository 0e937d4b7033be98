# Sourced by open311-bench.sh and open311-ab.sh: the POST load, from wrk (default) or the Java client (GENERATOR=java).
# post_load BASE-URL KEY CONNECTIONS SECONDS ACKED-FILE OUT-FILE: sends POST requests.json for SECONDS from CONNECTIONS
# keep-alive connections; writes every acknowledged service_request_id to ACKED-FILE, the summary line (starting
# "POST requests.json") to OUT-FILE, and the generator's CPU seconds (user + system) to OUT-FILE.cpu.
# Needs $JAVA and $CP only for GENERATOR=java.
post_load() {
  local base=$1 key=$2 conns=$3 secs=$4 acked=$5 out=$6
  (
    if [ "${GENERATOR:-wrk}" = java ]; then
      "$JAVA" -cp "$CP" bench/Open311Bench.java "$base" "$key" 0 "$conns" "$secs" "$acked" > "$out" 2>&1 || true
    else
      command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" > "$out"; exit 1; }
      rm -f "$acked".part-*.txt
      OPEN311_KEY=$key ACKED_OUT="$acked.part" CONNECTIONS=$conns wrk -t2 -c"$conns" -d"${secs}s" --timeout 30s \
        -s bench/wrk/open311.lua "$base" > "$out" 2>&1 || true
      cat "$acked".part-*.txt > "$acked" 2>/dev/null || : > "$acked"
      rm -f "$acked".part-*.txt
    fi
    # the children's user and system time, as bash's `times` prints it on its second line
    # (into a file: on the left of a pipe `times` would run in a subshell of its own, with no children)
    times > "$out.times"
    sed -n 2p "$out.times" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] } printf "%.3f\n", s }' > "$out.cpu"
    rm -f "$out.times"
  )
}
