# Shared helpers of bench/run and the suites in bench/suites (sourced, not run).
# Everything here acts only on what the caller started, by pid, and on 127.0.0.1.
# See bench/README.md, "Writing a suite", for the environment a suite gets.

log() { printf '[%s] %s%s\n' "$(date +%H:%M:%S)" "${BENCH_SUITE:+$BENCH_SUITE: }" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# stop_pid PID SECONDS: TERM, then KILL after SECONDS
stop_pid() {
    local pid=$1 i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < $2 * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

port_busy() { ss -Hlnu "sport = :$1" | grep -q . || ss -Hlnt "sport = :$1" | grep -q .; }
ensure_ports_free() { local p; for p in "$@"; do ! port_busy "$p" || die "port $p is in use on this machine (choose another --port-base)"; done; }

rss_kb_of() { awk '/^VmRSS:/ {print $2; exit}' "/proc/$1/status" 2>/dev/null || echo 0; }
rss_mb_of() { echo $(( $(rss_kb_of "$1") / 1024 )); }
descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }

# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# ----- result rows: BENCH_CSV, schema suite,metric,value,unit,notes -----
# bench_row METRIC VALUE UNIT [NOTES]
bench_row() {
    local notes=${4:-}
    notes=${notes//\"/\'}
    printf '%s,%s,%s,%s,"%s"\n' "$BENCH_SUITE" "$1" "$2" "$3" "$notes" >>"$BENCH_CSV"
}
# bench_value SUITE METRIC: a value another suite of this run wrote earlier ("" when absent)
bench_value() {
    local f=$BENCH_RESULTS_DIR/$1/rows.csv
    [ -f "$f" ] || return 0
    awk -F, -v m="$2" '$2 == m {v = $3} END {if (v != "") print v}' "$f"
}

# ----- PostgreSQL (the throwaway cluster bench/run started) -----
# pg_sql SQL...: run statements as the cluster's superuser
pg_sql() {
    local cmd=("$BENCH_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$BENCH_PG_SOCKET" -p "$BENCH_PG_PORT" -U postgres -d postgres)
    local s
    for s in "$@"; do
        if [ -n "${BENCH_PG_OWNER:-}" ]; then runuser -u "$BENCH_PG_OWNER" -- "${cmd[@]}" -c "$s"; else "${cmd[@]}" -c "$s"; fi
    done
}
# pg_query DATABASE SQL: one query as the superuser, unaligned tuples only
pg_query() {
    local cmd=("$BENCH_PG_BIN/psql" -X -q -tA -v ON_ERROR_STOP=1 -h "$BENCH_PG_SOCKET" -p "$BENCH_PG_PORT" -U postgres -d "$1" -c "$2")
    if [ -n "${BENCH_PG_OWNER:-}" ]; then runuser -u "$BENCH_PG_OWNER" -- "${cmd[@]}"; else "${cmd[@]}"; fi
}
# pg_reset_db: an empty cpm database (the server creates its schema at start-up)
pg_reset_db() {
    [ "${CPM_DB:-derby}" = postgresql ] || return 0
    pg_sql "DROP DATABASE IF EXISTS cpm WITH (FORCE)" "CREATE DATABASE cpm OWNER cpm" >/dev/null
}

# ----- the CPM server (assembled Liberty tree) -----
# jvm_options: the server's jvm.options on one line ("-Xms2g -Xmx2g ..."), for reports
jvm_options() {
    tr '\n' ' ' <"$BENCH_WLP/usr/servers/cpm/jvm.options" 2>/dev/null | sed 's/ *$//' || echo "unknown"
}

# start_cpm NAME DATA_DIR [VAR=VALUE...]: bin/server run cpm with the ports of this run and the
# database settings bench/run exported; waits for /health/ready. Sets CPM_PID (launcher),
# CPM_JAVA_PID (JVM), CPM_READY_S (launch -> ready). Console in $BENCH_WORK/NAME-console.log.
CPM_PID=""; CPM_JAVA_PID=""; CPM_READY_S=""
start_cpm() {
    local name=$1 data=$2; shift 2
    local wlp=$BENCH_WLP t0 i p
    [ -x "$wlp/bin/server" ] || die "no Liberty at $wlp (build first)"
    mkdir -p "$data"
    t0=$(now)
    env CPM_SIP_HOST=127.0.0.1 CPM_SIP_UDP_PORT="$BENCH_SIP_PORT" CPM_SIP_TCP_PORT="$BENCH_SIP_PORT" \
        CPM_HTTP_HOST=127.0.0.1 CPM_HTTP_PORT="$BENCH_HTTP_PORT" CPM_BROKER_HOST=127.0.0.1 \
        CPM_BROKER_PORT="$BENCH_BROKER_PORT" CPM_DATA_DIR="$data" CPM_ADMIN_PASSWORD="$BENCH_ADMIN_PASSWORD" \
        CPM_AUTH_ALGORITHMS=MD5,SHA-256 "$@" \
        "$wlp/bin/server" run cpm >"$BENCH_WORK/$name-console.log" 2>&1 &
    CPM_PID=$!
    for ((i = 0; i < 1500; i++)); do
        kill -0 "$CPM_PID" 2>/dev/null || die "the server exited during start-up; see $BENCH_WORK/$name-console.log"
        if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$BENCH_HTTP_PORT/health/ready"; then break; fi
        sleep 0.1
    done
    [ "$i" -lt 1500 ] || die "the server was not ready within 150 s; see $wlp/usr/servers/cpm/logs/messages.log"
    CPM_READY_S=$(elapsed "$t0")
    curl -s --max-time 5 "http://127.0.0.1:$BENCH_HTTP_PORT/health/ready" >"$BENCH_WORK/$name-ready.json" 2>/dev/null || true
    CPM_JAVA_PID=""
    for p in $CPM_PID $(descendants "$CPM_PID"); do
        if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ]; then CPM_JAVA_PID=$p; break; fi
    done
    [ -n "$CPM_JAVA_PID" ] || die "cannot find the server's JVM under pid $CPM_PID"
}
stop_cpm() {
    [ -n "$CPM_PID" ] || return 0
    if kill -0 "$CPM_PID" 2>/dev/null; then
        timeout 90 "$BENCH_WLP/bin/server" stop cpm >>"$BENCH_WORK/server-stop.log" 2>&1 || true
        local i
        for ((i = 0; i < 300; i++)); do kill -0 "$CPM_PID" 2>/dev/null || break; sleep 0.2; done
    fi
    stop_pid "$CPM_JAVA_PID" 10
    stop_pid "$CPM_PID" 5
    wait "$CPM_PID" 2>/dev/null || true
    CPM_PID=""; CPM_JAVA_PID=""
}
# provision USER...: users USER@localhost with password USER-password (admin API)
provision() {
    local user status
    for user in "$@"; do
        status=$(curl -s -o "$BENCH_WORK/provision-$user.json" -w '%{http_code}' -u "admin:$BENCH_ADMIN_PASSWORD" \
            -H 'Content-Type: application/json' -d "{\"uri\":\"sip:$user@localhost\",\"password\":\"$user-password\"}" \
            "http://127.0.0.1:$BENCH_HTTP_PORT/admin/v1/users")
        case "$status" in 201|200|409) ;; *) die "provisioning $user answered $status: $(cat "$BENCH_WORK/provision-$user.json")" ;; esac
    done
}

# bob_device DIR: registers bob (digest) from BENCH_CPM_UAS_PORT and starts there a sipp UAS that
# answers 200 to every MESSAGE; sets UAS_PID (the caller stops it with stop_pid on EXIT)
UAS_PID=""
bob_device() {
    local dir=$1 sipp_dir=$BENCH_TREE/cpm-ear/src/test/resources/sipp
    mkdir -p "$dir"
    sed 's/EXPECTED_STATUS/200/' "$sipp_dir/register.xml" >"$dir/register.xml"
    (cd "$dir" && timeout 60 sipp "127.0.0.1:$BENCH_SIP_PORT" -sf register.xml -t u1 -m 1 -i 127.0.0.1 -p "$BENCH_CPM_UAS_PORT" \
        -s bob -au bob -ap bob-password -key domain localhost -key instance "urn:uuid:$(cat /proc/sys/kernel/random/uuid)" \
        -key expires 7200 -timeout 30s -timeout_error -nostdin -trace_err >register.out 2>&1) || die "registering bob failed; see $dir"
    cp "$sipp_dir/receiver.xml" "$dir/uas.xml"
    (cd "$dir" && exec sipp -sf uas.xml -t u1 -i 127.0.0.1 -p "$BENCH_CPM_UAS_PORT" -nostdin -buff_size 2097152 >uas.out 2>&1) &
    UAS_PID=$!
    sleep 0.5
    kill -0 "$UAS_PID" 2>/dev/null || die "the device's sipp did not start; see $dir/uas.out"
}
