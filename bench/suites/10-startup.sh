#!/usr/bin/env bash
# start-up time (launch -> /health/ready 200), cold and warm, and idle resident memory
#
# Cold: a fresh data directory and an empty database (the server creates its schema and the
# embedded broker its journal). Warm: the same data directory and database again. The median of
# BENCH_STARTUP_RUNS (3; 1 with --quick) of each. Idle RSS: VmRSS of the JVM BENCH_IDLE_SECONDS
# (30) after the last warm start reported ready, with no traffic.
set -euo pipefail
. "$BENCH_LIB"
RUNS=${BENCH_STARTUP_RUNS:-$([ "$BENCH_QUICK" = 1 ] && echo 1 || echo 3)}
IDLE=${BENCH_IDLE_SECONDS:-30}
trap 'stop_cpm' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

cold=(); warm=(); data=""
for ((i = 1; i <= RUNS; i++)); do
    pg_reset_db
    data=$BENCH_WORK/data-cold-$i
    start_cpm "cold-$i" "$data"
    cold+=("$CPM_READY_S")
    log "cold start $i: ready after $CPM_READY_S s, RSS $(rss_mb_of "$CPM_JAVA_PID") MB"
    stop_cpm
done
rss_ready=""
for ((i = 1; i <= RUNS; i++)); do
    start_cpm "warm-$i" "$data"
    warm+=("$CPM_READY_S")
    rss_ready=$(rss_mb_of "$CPM_JAVA_PID")
    log "warm start $i: ready after $CPM_READY_S s, RSS $rss_ready MB"
    [ "$i" -lt "$RUNS" ] || break
    stop_cpm
done
log "idle for $IDLE s"
samples=()
for ((s = 0; s < IDLE; s += 5)); do sleep 5; samples+=("$(rss_mb_of "$CPM_JAVA_PID")"); done
idle=$(rss_mb_of "$CPM_JAVA_PID")
stop_cpm

list() { local IFS=' '; echo "$*"; }
bench_row cold_start_to_ready "$(median "${cold[@]}")" s "median of $RUNS: $(list "${cold[@]}") s; fresh data directory and empty database"
bench_row warm_start_to_ready "$(median "${warm[@]}")" s "median of $RUNS: $(list "${warm[@]}") s; same data directory and schema"
bench_row rss_at_ready "$rss_ready" MB "JVM VmRSS when /health/ready first answered 200 (last warm start)"
bench_row idle_rss "$idle" MB "JVM VmRSS ${IDLE} s after ready, no traffic (every 5 s: $(list "${samples[@]}") MB)"
{
    echo "Launch (\`bin/server run cpm\`) to the first \`/health/ready\` 200, polled every 0.1 s."
    echo "Cold: fresh \`CPM_DATA_DIR\` and an empty database (schema created at start-up); warm: the same again."
    echo "The operating system's file cache is warm in both (the same Liberty tree was started just before)."
} >"$BENCH_SUITE_DIR/section.md"
