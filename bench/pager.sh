#!/usr/bin/env bash
# Pager-mode benchmark: alice -> CPM server -> bob, driven by sipp at rising rates, in the
# standalone shape (digest, leg cpm) and the IMS shape (sipp as the trusted S-CSCF, leg cpm-ims),
# and the same traffic through Kamailio as a plain stateful relay (sipp -> Kamailio -> sipp) in the
# same run, so the result is a ratio. See bench/README.md for what it measures and how to read it.
#
#   bench/pager.sh [--tree DIR] [--rates "500 1000 ..."] [--step-seconds N] [--warmup "RATE:SECONDS ..."]
#                  [--only cpm|cpm-ims|kamailio[,...]] [--results DIR] [--name NAME]
#
# Every listener is on 127.0.0.1. Everything it starts (server, Kamailio, sipp) is stopped on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
COMMAND_LINE="$0 $*"

# ----- settings (environment, then command line) -----
TREE=${BENCH_TREE:-$(dirname "$BENCH_DIR")}
RATES=${BENCH_RATES:-"500 1000 1500 2000 3000 4000 5000 7500 10000"}
STEP_SECONDS=${BENCH_STEP_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-"300:20"}
KAM_WARMUP=${BENCH_KAM_WARMUP:-"300:5"}
COOLDOWN=${BENCH_COOLDOWN:-5}
QUIET_WAIT=${BENCH_QUIET_WAIT:-30}       # at most this many seconds before a step for other load to calm down
QUIET_PCT=${BENCH_QUIET_PCT:-50}         # "calm": other processes use under this % of one core
STOP_AFTER_FAILURES=${BENCH_STOP_AFTER_FAILURES:-2}
ONLY=${BENCH_ONLY:-}
RESULTS=${BENCH_RESULTS:-$BENCH_DIR/results}
TARGET_RATE=${BENCH_TARGET_RATE:-3000}
TARGET_P99_MS=${BENCH_TARGET_P99_MS:-50}
MVN_ARGS=${BENCH_MVN_ARGS:-"-B -q"}
SIP_PORT=${BENCH_SIP_PORT:-35060}
HTTP_PORT=${BENCH_HTTP_PORT:-39080}
BROKER_PORT=${BENCH_BROKER_PORT:-36616}
CPM_UAS_PORT=${BENCH_CPM_UAS_PORT:-35070}
CPM_UAC_PORT=${BENCH_CPM_UAC_PORT:-35071}
IMS_UAS_PORT=${BENCH_IMS_UAS_PORT:-35072}    # sipp as the S-CSCF: the server delivers bob's messages here
IMS_UAC_PORT=${BENCH_IMS_UAC_PORT:-35073}    # sipp as the S-CSCF: originating MESSAGEs from alice
KAM_PORT=${BENCH_KAM_PORT:-35080}
KAM_UAS_PORT=${BENCH_KAM_UAS_PORT:-35090}
KAM_UAC_PORT=${BENCH_KAM_UAC_PORT:-35091}
KAM_SHM_MB=${BENCH_KAM_SHM_MB:-1024}
KAM_CHILDREN=${BENCH_KAM_CHILDREN:-$(nproc)}
SIPP_BUFFER=${BENCH_SIPP_BUFFER:-2097152}
CALL_TIMEOUT_MS=${BENCH_CALL_TIMEOUT_MS:-10000}
ADMIN_PASSWORD=bench-admin

NAME=${BENCH_NAME:-}
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --tree) TREE=$2; shift 2 ;;
        --rates) RATES=$2; shift 2 ;;
        --step-seconds) STEP_SECONDS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --results) RESULTS=$2; shift 2 ;;
        --name) NAME=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
LEGS=""
for leg in ${ONLY//,/ }; do
    case "$leg" in cpm|cpm-ims|kamailio) LEGS="$LEGS $leg" ;; *) echo "--only takes cpm, cpm-ims or kamailio (or a comma-separated list)" >&2; exit 2 ;; esac
done
LEGS=${LEGS:-" cpm cpm-ims kamailio"}
has_leg() { [[ "$LEGS " == *" $1 "* ]]; }
TREE=$(cd "$TREE" && pwd)

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN_TAG=bench${STAMP//[^0-9]/}          # in every imdn.Message-ID of this run: <tag>-<leg>-<step>-<n>
NAME=${NAME:-pager-$STAMP}
WORK=${BENCH_WORK:-/tmp/bench-pager-$STAMP}
WLP=$TREE/cpm-ear/target/liberty/wlp
SERVER_DIR=$WLP/usr/servers/cpm
TEST_SIPP=$TREE/cpm-ear/src/test/resources/sipp
CLK_TCK=$(getconf CLK_TCK)
NPROC=$(nproc)
mkdir -p "$WORK" "$RESULTS"
STEPS_CSV=$WORK/steps.csv

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ----- cleanup: only what this script started, by pid -----
SERVER_PID=""; JAVA_PID=""; KAM_PID=""; SAMPLER_PID=""
SIPP_PIDS=()
stop_pid() { # pid seconds
    local pid=$1 i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < $2 * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}
stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        timeout 90 "$WLP/bin/server" stop cpm >>"$WORK/server-stop.log" 2>&1 || true
        local i
        for ((i = 0; i < 300; i++)); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    fi
    stop_pid "$JAVA_PID" 10
    stop_pid "$SERVER_PID" 5
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""; JAVA_PID=""
}
stop_kamailio() {
    [ -n "$KAM_PID" ] || return 0
    stop_pid "$KAM_PID" 15
    wait "$KAM_PID" 2>/dev/null || true
    KAM_PID=""
}
stop_sipps() {
    local pid
    for pid in "${SIPP_PIDS[@]}"; do stop_pid "$pid" 5; wait "$pid" 2>/dev/null || true; done
    SIPP_PIDS=()
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [ -n "$SAMPLER_PID" ] && stop_pid "$SAMPLER_PID" 2
    stop_sipps
    stop_kamailio
    stop_server
    [ $rc -eq 0 ] || log "exited with status $rc; work files in $WORK"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ----- prerequisites -----
for tool in sipp curl awk sort ss java getconf; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
if has_leg kamailio && ! command -v kamailio >/dev/null; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        log "installing kamailio (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y kamailio >"$WORK/apt.log" 2>&1 \
            || { apt-get update >>"$WORK/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y kamailio >>"$WORK/apt.log" 2>&1; } \
            || die "could not install kamailio; see $WORK/apt.log"
    else
        die "kamailio is not installed (run as root to let this script apt-get it, or use --only cpm,cpm-ims)"
    fi
fi
port_busy() { ss -Hlnu "sport = :$1" | grep -q . || ss -Hlnt "sport = :$1" | grep -q .; }
for port in $SIP_PORT $HTTP_PORT $BROKER_PORT $CPM_UAS_PORT $CPM_UAC_PORT $IMS_UAS_PORT $IMS_UAC_PORT $KAM_PORT $KAM_UAS_PORT $KAM_UAC_PORT; do
    ! port_busy "$port" || die "port $port is in use on this machine; pick others with BENCH_*_PORT"
done

# ----- process accounting -----
ticks_of() { # utime+stime of one pid, 0 when gone
    local line
    line=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    line=${line##*) }
    awk '{print $12 + $13}' <<<"$line"
}
ticks_sum() { local t=0 p; for p in "$@"; do t=$((t + $(ticks_of "$p"))); done; echo "$t"; }
descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }
kam_pids() { [ -n "$KAM_PID" ] && { echo "$KAM_PID"; pgrep -P "$KAM_PID" || true; }; }
machine() { awk '/^cpu / {idle = $5 + $6; t = 0; for (i = 2; i <= 9; i++) t += $i; print t - idle, t; exit}' /proc/stat; }
rss_kb_of() { awk '/^VmRSS:/ {print $2; exit}' "/proc/$1/status" 2>/dev/null || echo 0; }
pss_kb_sum() { # proportional set size over several processes (forked children share memory)
    local t=0 p v
    for p in "$@"; do
        v=$(awk '/^Pss:/ {print $2; exit}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
        t=$((t + ${v:-0}))
    done
    echo "$t"
}
# samples the memory of the system under test every 0.5 s into $1 until $2 disappears (bounded)
start_sampler() {
    local out=$1 flag=$2 leg=$3
    : >"$flag"
    (
        for ((i = 0; i < 2400; i++)); do
            [ -e "$flag" ] || break
            if [ "$leg" != kamailio ]; then rss_kb_of "$JAVA_PID"; else pss_kb_sum $(kam_pids); fi >>"$out"
            sleep 0.5
        done
    ) &
    SAMPLER_PID=$!
}
stop_sampler() { rm -f "$1"; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; }

# ----- sipp -----
scenario_with_status() { sed 's/EXPECTED_STATUS/200/' "$1" >"$2"; }

start_uas() { # port dir
    mkdir -p "$2"
    cp "$TEST_SIPP/receiver.xml" "$2/uas.xml"
    (cd "$2" && exec sipp -sf uas.xml -t u1 -i 127.0.0.1 -p "$1" -nostdin -buff_size "$SIPP_BUFFER" \
        -trace_stat -fd 5 >uas.out 2>&1) &
    SIPP_PIDS+=($!)
    UAS_PID=$!
    sleep 0.5
    kill -0 "$UAS_PID" 2>/dev/null || die "the UAS sipp on port $1 did not start; see $2/uas.out"
}

# the three busiest processes that are not ours, for the log
busiest_others() {
    top -b -n 2 -d 0.5 -w 200 2>/dev/null | awk -v ours=" $1 " '
        /^top -/ { frame++ } frame == 2 && $1 ~ /^[0-9]+$/ && index(ours, " " $1 " ") == 0 && n < 3 && $9 + 0 > 1 {
            printf "%s%s %s %s%%", (n++ ? ", " : ""), $1, $12, $9 }' || true
}

# waits (at most QUIET_WAIT s) until processes other than ours use under QUIET_PCT % of one core
wait_quiet() {
    local i a b s0 s1 other ours
    for ((i = 0; i < QUIET_WAIT; i++)); do
        ours="$JAVA_PID $(kam_pids | tr '\n' ' ') ${SIPP_PIDS[*]}"
        read -r -a a <<<"$(machine)"; s0=$(ticks_sum $ours)
        sleep 1
        read -r -a b <<<"$(machine)"; s1=$(ticks_sum $ours)
        other=$(awk -v b0="${a[0]}" -v t0="${a[1]}" -v b1="${b[0]}" -v t1="${b[1]}" -v n="$NPROC" -v s="$((s1 - s0))" -v hz="$CLK_TCK" \
            'BEGIN {printf "%.0f", ((t1 > t0) ? (b1 - b0) / (t1 - t0) * n * 100 : 0) - s / hz * 100}')
        [ "$other" -ge "$QUIET_PCT" ] || return 0
        [ "$i" -gt 0 ] || log "other processes use ${other}% CPU ($(busiest_others "$ours")); waiting up to ${QUIET_WAIT}s for them to calm down"
    done
    log "still ${other}% CPU used by other processes; going ahead (see the 'other CPU' column)"
}

# run_step LEG LABEL RATE SECONDS: one sipp UAC run at RATE for SECONDS, one CSV row into $STEPS_CSV
run_step() {
    local leg=$1 label=$2 rate=$3 seconds=$4
    local calls=$((rate * seconds)) dir=$WORK/$leg/$label scenario target port
    local -a extra
    mkdir -p "$dir"
    case "$leg" in
        cpm) scenario=cpm-uac.xml; target=127.0.0.1:$SIP_PORT; port=$CPM_UAC_PORT; extra=(-au alice -ap alice-password) ;;
        cpm-ims) scenario=ims-uac.xml; target=127.0.0.1:$SIP_PORT; port=$IMS_UAC_PORT; extra=() ;;
        *) scenario=relay-uac.xml; target=127.0.0.1:$KAM_PORT; port=$KAM_UAC_PORT; extra=() ;;
    esac
    cp "$BENCH_DIR/sipp/$scenario" "$dir/"
    local sut_pids
    if [ "$leg" != kamailio ]; then sut_pids=$JAVA_PID; else sut_pids=$(kam_pids | tr '\n' ' '); fi
    local m0 m1 s0 s1 u0 u1 t0 t1 log0=0
    wait_quiet
    [ "$leg" = kamailio ] || log0=$(wc -l <"$SERVER_DIR/logs/messages.log" 2>/dev/null || echo 0)
    read -r -a m0 <<<"$(machine)"
    s0=$(ticks_sum $sut_pids); u0=$(ticks_of "$UAS_PID"); t0=$(date +%s.%N)
    start_sampler "$dir/memory.txt" "$dir/.sampling" "$leg"
    local rc=0
    (
        cd "$dir"
        TIMEFORMAT='%3R %3U %3S'
        { time sipp "$target" -sf "$scenario" -t u1 -i 127.0.0.1 -p "$port" -s bob \
            -key domain localhost -key from_user alice -key run "$RUN_TAG-$leg-$label" "${extra[@]}" \
            -m "$calls" -r "$rate" -rp 1000 -l $((rate * 10 > 1000 ? rate * 10 : 1000)) \
            -recv_timeout "$CALL_TIMEOUT_MS" -timeout $((seconds * 3 + 60))s -timeout_error \
            -timer_resol 1 -buff_size "$SIPP_BUFFER" -nostdin \
            -trace_stat -fd 1 -trace_rtt -rtt_freq 100 -trace_err \
            >uac.out 2>&1; } 2>uac.time
    ) || rc=$?
    t1=$(date +%s.%N); s1=$(ticks_sum $sut_pids); u1=$(ticks_of "$UAS_PID")
    read -r -a m1 <<<"$(machine)"
    stop_sampler "$dir/.sampling"

    local stats rtt uac_time wall
    stats=$(ls "$dir"/*_.csv 2>/dev/null | head -1 || true)
    rtt=$(ls "$dir"/*_rtt.csv 2>/dev/null | head -1 || true)
    [ -n "$stats" ] || { log "$leg $label: sipp left no statistics (exit $rc); see $dir/uac.out"; stats=/dev/null; }
    [ -n "$rtt" ] || rtt=/dev/null
    uac_time=$(cat "$dir/uac.time" 2>/dev/null || echo "0 0 0")
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')

    # last statistics line, by column name
    local created ok failed retrans recv_timeouts max_retrans
    read -r created ok failed retrans recv_timeouts max_retrans < <(awk -F';' '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        { last = $0 }
        END {
            n = split(last, v, ";")
            printf "%d %d %d %d %d %d\n", v[col["TotalCallCreated"]], v[col["SuccessfulCall(C)"]],
                v[col["FailedCall(C)"]], v[col["Retransmissions(C)"]], v[col["FailedTimeoutOnRecv(C)"]],
                v[col["FailedMaxUDPRetrans(C)"]]
        }' "$stats")
    # why calls failed: the response that aborted them (from -trace_err), and sipp's own timeouts
    local codes
    codes=$( { grep -ho "Aborting call on unexpected message.*received 'SIP/2.0 [0-9][0-9][0-9]" "$dir"/*_errors.log 2>/dev/null || true; } \
        | awk -v t="$recv_timeouts" -v r="$max_retrans" '{c[substr($NF, 1, 3)]++}
            END { for (k in c) printf "%s%s:%d", (n++ ? " " : ""), k, c[k]
                  if (t > 0) printf "%stimeout:%d", (n++ ? " " : ""), t
                  if (r > 0) printf "%smax-retrans:%d", (n++ ? " " : ""), r }')
    # response-time distributions (whole milliseconds, as sipp records them)
    # the SIP container's overload guard, from the server log of the step
    if [ "$leg" != kamailio ]; then
        local guard
        guard=$( { tail -n +$((log0 + 1)) "$SERVER_DIR/logs/messages.log" 2>/dev/null || true; } \
            | { grep -o 'CWSCT0343W\|CWSCT0413W' || true; } | sort | uniq -c \
            | awk '{printf "%s%s:%d", (n++ ? " " : ""), ($2 == "CWSCT0343W" ? "overload-message-rate" : "overload-queue-full"), $1}')
        codes="$codes${codes:+${guard:+ }}$guard"
    fi
    local lat
    lat=$(awk -F';' 'NR > 1 && ($3 == 1 || $3 == 2) { print $3, $2; if ($1 > end) end = $1 } END { print "end", end }' "$rtt" \
        | sort -k1,1 -k2,2n | awk '
            $1 == "end" { end = $2; next }
            { v[$1, ++n[$1]] = $2 }
            function q(k, p,  i) { if (!n[k]) return "-"; i = int(p * n[k] + 0.999999); if (i < 1) i = 1; return v[k, i] }
            END { printf "%s %s %s %s %s %s %s\n", q(1, 0.5), q(1, 0.99), q(1, 1), q(2, 0.5), q(2, 0.99), q(2, 1), end + 0 }')
    local p50 p99 max fp50 fp99 fmax end_ms
    read -r p50 p99 max fp50 fp99 fmax end_ms <<<"$lat"
    local achieved
    achieved=$(awk -v ok="$ok" -v end="$end_ms" -v wall="$wall" 'BEGIN {
        d = (end > 0) ? end / 1000 : wall; printf "%.0f", ((d > 0) ? ok / d : 0) }')
    local sut_cpu uas_cpu uac_cpu machine_cpu other_cpu mem_max
    sut_cpu=$(awk -v a="$s0" -v b="$s1" -v w="$wall" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", (b - a) / hz / w * 100}')
    uas_cpu=$(awk -v a="$u0" -v b="$u1" -v w="$wall" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", (b - a) / hz / w * 100}')
    uac_cpu=$(awk -v t="$uac_time" -v w="$wall" 'BEGIN {split(t, x, " "); printf "%.0f", (x[2] + x[3]) / w * 100}')
    machine_cpu=$(awk -v b0="${m0[0]}" -v t0="${m0[1]}" -v b1="${m1[0]}" -v t1="${m1[1]}" -v n="$NPROC" \
        'BEGIN {printf "%.0f", (t1 > t0 ? (b1 - b0) / (t1 - t0) : 0) * n * 100}')
    other_cpu=$((machine_cpu - sut_cpu - uas_cpu - uac_cpu)); [ "$other_cpu" -ge 0 ] || other_cpu=0
    mem_max=$(awk '$1 > m {m = $1} END {printf "%.0f", m / 1024}' "$dir/memory.txt" 2>/dev/null || echo 0)
    local verdict=FAIL
    if [ "$failed" -eq 0 ] && [ "$ok" -eq "$calls" ] && [ "$achieved" -ge $((rate * 9 / 10)) ]; then verdict=PASS; fi
    echo "$leg,$label,$rate,$calls,$achieved,$ok,$failed,$retrans,$p50,$p99,$max,$fp50,$fp99,$fmax,$sut_cpu,$mem_max,$uac_cpu,$uas_cpu,$other_cpu,$machine_cpu,$wall,$verdict,\"$codes\"" >>"$STEPS_CSV"
    log "$leg $label: offered $rate/s x ${seconds}s -> $ok ok, $failed failed, $achieved/s achieved; p50/p99 ${p50}/${p99} ms; system under test ${sut_cpu}% CPU, ${mem_max} MB; sipp uac ${uac_cpu}% uas ${uas_cpu}%; other ${other_cpu}%; $verdict ${codes:+($codes)}"
    [ "$verdict" = PASS ]
}

# run_ladder LEG WARMUP: warm-up runs (not in the verdict), then every rate until STOP_AFTER_FAILURES in a row
run_ladder() {
    local leg=$1 warm=$2 spec fails=0 rate
    for spec in $warm; do
        run_step "$leg" "warmup-${spec%%:*}" "${spec%%:*}" "${spec##*:}" || true
        sleep "$COOLDOWN"
    done
    for rate in $RATES; do
        if [ "$fails" -ge "$STOP_AFTER_FAILURES" ]; then
            echo "$leg,r$rate,$rate,0,0,0,0,0,-,-,-,-,-,-,0,0,0,0,0,0,0,SKIPPED,\"after $fails failed steps\"" >>"$STEPS_CSV"
            continue
        fi
        if run_step "$leg" "r$rate" "$rate" "$STEP_SECONDS"; then fails=0; else fails=$((fails + 1)); fi
        sleep "$COOLDOWN"
    done
}

echo "leg,step,offered_rate,calls,achieved_rate,successful,failed,retransmissions,p50_ms,p99_ms,max_ms,full_p50_ms,full_p99_ms,full_max_ms,sut_cpu_pct,sut_mem_mb,sipp_uac_cpu_pct,sipp_uas_cpu_pct,other_cpu_pct,machine_cpu_pct,wall_s,verdict,failure_codes" >"$STEPS_CSV"

# ----- the CPM legs: cpm (standalone, digest) and cpm-ims (behind a trusted S-CSCF) -----
declare -A READY_SECONDS=() JOURNAL_NOTE=()
sipp_once() { # dir scenario local-port [sipp args...]: one call, must succeed
    local dir=$1 scenario=$2 port=$3; shift 3
    mkdir -p "$dir"
    (cd "$dir" && timeout 60 sipp "127.0.0.1:$SIP_PORT" -sf "$scenario" -t u1 -m 1 -i 127.0.0.1 -p "$port" \
        -key domain localhost -timeout 30s -timeout_error -nostdin -trace_err "$@" >"${scenario%.xml}.out" 2>&1)
}
# removes every registration of bob (an earlier run may have left some in a shared database)
unregister_bob() { # leg dir
    if [ "$1" = cpm ]; then
        cp "$BENCH_DIR/sipp/unregister-all.xml" "$2/"
        sipp_once "$2" unregister-all.xml "$CPM_UAS_PORT" -s bob -au bob -ap bob-password
    else
        cp "$BENCH_DIR/sipp/ims-third-party-register.xml" "$2/unregister.xml"
        sipp_once "$2" unregister.xml "$IMS_UAS_PORT" -s bob -key contact '*' -key expires 0
    fi
}
cpm_leg() {
    local leg=$1
    if [ ! -f "$SERVER_DIR/apps/cpm.ear" ]; then
        log "building $TREE (mvn $MVN_ARGS install -DskipTests)"
        (cd "$TREE" && mvn $MVN_ARGS install -DskipTests) >"$WORK/build.log" 2>&1 || die "build failed; see $WORK/build.log"
    fi
    [ -x "$WLP/bin/server" ] || die "no Liberty at $WLP"
    local data=$WORK/$leg-data
    local -a mode=()
    [ "$leg" = cpm ] || mode=(CPM_MODE=ims CPM_IMS_TRUSTED_HOSTS=127.0.0.1)
    mkdir -p "$data"
    log "starting the CPM server for leg $leg from $SERVER_DIR (CPM_DB=${CPM_DB:-derby}${mode[*]:+, ${mode[*]}}, data in $data)"
    local t0; t0=$(date +%s.%N)
    env CPM_SIP_HOST=127.0.0.1 CPM_SIP_UDP_PORT=$SIP_PORT CPM_SIP_TCP_PORT=$SIP_PORT CPM_HTTP_HOST=127.0.0.1 \
        CPM_HTTP_PORT=$HTTP_PORT CPM_BROKER_HOST=127.0.0.1 CPM_BROKER_PORT=$BROKER_PORT CPM_DATA_DIR=$data \
        CPM_DB=${CPM_DB:-derby} CPM_ADMIN_PASSWORD=$ADMIN_PASSWORD CPM_AUTH_ALGORITHMS=MD5,SHA-256 "${mode[@]}" \
        "$WLP/bin/server" run cpm >"$WORK/$leg-server-console.log" 2>&1 &
    SERVER_PID=$!
    local i
    for ((i = 0; i < 900; i++)); do
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during start-up; see $WORK/$leg-server-console.log"
        if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP_PORT/health/ready"; then break; fi
        sleep 0.2
    done
    [ "$i" -lt 900 ] || die "the server was not ready within 180 s; see $SERVER_DIR/logs/messages.log"
    READY_SECONDS[$leg]=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
    # the JVM: the launcher script itself or one of its descendants
    local p
    for p in $SERVER_PID $(descendants "$SERVER_PID"); do
        if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ]; then JAVA_PID=$p; break; fi
    done
    [ -n "$JAVA_PID" ] || die "cannot find the server's JVM under pid $SERVER_PID"
    log "ready after ${READY_SECONDS[$leg]}s (JVM pid $JAVA_PID, RSS $(( $(rss_kb_of "$JAVA_PID") / 1024 )) MB)"

    local user status
    for user in alice bob; do
        status=$(curl -s -o "$WORK/provision-$user.json" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" \
            -H 'Content-Type: application/json' -d "{\"uri\":\"sip:$user@localhost\",\"password\":\"$user-password\"}" \
            "http://127.0.0.1:$HTTP_PORT/admin/v1/users")
        case "$status" in 201|200|409) ;; *) die "provisioning $user answered $status: $(cat "$WORK/provision-$user.json")" ;; esac
    done

    local reg=$WORK/$leg/register uas_port
    mkdir -p "$reg"
    unregister_bob "$leg" "$reg" || die "removing bob's earlier registrations failed; see $reg"
    if [ "$leg" = cpm ]; then
        # bob's device: digest REGISTER from the port the UAS then listens on
        uas_port=$CPM_UAS_PORT
        scenario_with_status "$TEST_SIPP/register.xml" "$reg/register.xml"
        sipp_once "$reg" register.xml "$uas_port" -s bob -au bob -ap bob-password \
            -key instance "urn:uuid:$(cat /proc/sys/kernel/random/uuid)" -key expires 3600 \
            || die "registering bob failed; see $reg"
    else
        # sipp as the S-CSCF: third-party REGISTER for bob, Contact = the S-CSCF's terminating port
        uas_port=$IMS_UAS_PORT
        cp "$BENCH_DIR/sipp/ims-third-party-register.xml" "$reg/register.xml"
        sipp_once "$reg" register.xml "$uas_port" -s bob -key expires 3600 \
            -key contact "<sip:127.0.0.1:$uas_port;transport=udp>;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\"" \
            || die "the third-party REGISTER for bob failed; see $reg"
    fi
    start_uas "$uas_port" "$WORK/$leg/uas"

    run_ladder "$leg" "$WARMUP"
    curl -fs "http://127.0.0.1:$HTTP_PORT/metrics" 2>/dev/null | grep '^application_cpm_' >"$WORK/$leg-metrics.txt" || true
    stop_sipps
    unregister_bob "$leg" "$reg" || log "removing bob's registration at the end of leg $leg failed; see $reg"
    log "stopping the server"
    stop_server
    cp "$SERVER_DIR/logs/messages.log" "$WORK/$leg-server-messages.log" 2>/dev/null || true
    count_journal "$leg"
}

# durably recorded messages per step: rows of cpm_message whose imdn.Message-ID carries the step's tag
count_journal() {
    local leg=$1 jdbc=$SERVER_DIR/lib/jdbc url user="" password="" cp
    cp=$(ls "$jdbc"/*.jar | tr '\n' ':')
    if [ "${CPM_DB:-derby}" = derby ]; then
        url="jdbc:derby:$WORK/$leg-data/derby/cpm"
    else
        url=${CPM_DB_URL:-jdbc:postgresql://127.0.0.1:5432/cpm}; user=${CPM_DB_USER:-cpm}; password=${CPM_DB_PASSWORD:-cpm}
    fi
    local prefixes
    prefixes=$(awk -F, -v tag="$RUN_TAG" -v leg="$leg" '$1 == leg && $4 > 0 {print tag "-" leg "-" $2}' "$STEPS_CSV")
    if (cd "$WORK" && java -Dderby.stream.error.file="$WORK/derby.log" -cp "$cp" "$BENCH_DIR/JournalCount.java" \
            "$url" "$user" "$password" $prefixes >>"$WORK/journal.txt" 2>"$WORK/journal-$leg.err"); then
        JOURNAL_NOTE[$leg]="journal rows counted in $url"
    else
        JOURNAL_NOTE[$leg]="journal not counted: $(head -c 300 "$WORK/journal-$leg.err")"
        log "${JOURNAL_NOTE[$leg]}"
    fi
}

# ----- the Kamailio leg -----
kamailio_leg() {
    local kdir=$WORK/kamailio modules
    mkdir -p "$kdir/run"
    modules=$(dirname "$(find /usr/lib/x86_64-linux-gnu/kamailio /usr/lib64/kamailio /usr/lib/kamailio /usr/local/lib64/kamailio /usr/local/lib/kamailio \
        -name tm.so -path '*modules*' 2>/dev/null | head -1)")
    [ -f "$modules/tm.so" ] || die "cannot find Kamailio's modules (tm.so)"
    sed -e "s|@CHILDREN@|$KAM_CHILDREN|; s|@KAM_PORT@|$KAM_PORT|; s|@UAS_PORT@|$KAM_UAS_PORT|; s|@MODULES@|$modules/|" \
        "$BENCH_DIR/kamailio.cfg" >"$kdir/kamailio.cfg"
    kamailio -c -f "$kdir/kamailio.cfg" >"$kdir/check.log" 2>&1 || die "kamailio.cfg does not check; see $kdir/check.log"
    log "starting Kamailio $(kamailio -v | awk 'NR == 1 {print $3}') on 127.0.0.1:$KAM_PORT ($KAM_CHILDREN children, ${KAM_SHM_MB} MB shm)"
    kamailio -f "$kdir/kamailio.cfg" -DD -E -Y "$kdir/run" -P "$kdir/kamailio.pid" -m "$KAM_SHM_MB" -M 16 >"$kdir/kamailio.log" 2>&1 &
    KAM_PID=$!
    sleep 1
    kill -0 "$KAM_PID" 2>/dev/null || die "kamailio did not start; see $kdir/kamailio.log"
    start_uas "$KAM_UAS_PORT" "$kdir/uas"
    run_ladder kamailio "$KAM_WARMUP"
    stop_sipps
    stop_kamailio
}

log "work files in $WORK (legs:$LEGS)"
: >"$WORK/journal.txt"
if has_leg cpm; then cpm_leg cpm; fi
if has_leg cpm-ims; then cpm_leg cpm-ims; fi
if has_leg kamailio; then kamailio_leg; fi

# ----- report -----
CSV=$RESULTS/$NAME.csv
MD=$RESULTS/$NAME.md
# the step table plus the journal count (distinct imdn.Message-IDs) of each step of a CPM leg
awk -F, -v OFS=, -v tag="$RUN_TAG" '
    NR == FNR { split($0, f, " "); journaled[f[1]] = f[3]; next }
    FNR == 1 { print $0, "journaled"; next }
    { key = tag "-" $1 "-" $2; print $0, ($1 != "kamailio" && key in journaled) ? journaled[key] : "" }' \
    "$WORK/journal.txt" "$STEPS_CSV" >"$CSV"

best() { # leg -> highest achieved rate of a passing step (0 if none) and its step
    awk -F, -v leg="$1" '$1 == leg && $22 == "PASS" && $2 !~ /^warmup/ && $5 + 0 > best {best = $5 + 0; step = $2}
        END {print best + 0, (step == "" ? "-" : step)}' "$STEPS_CSV"
}
ratio() { awk -v c="$1" -v k="$2" 'BEGIN {print ((k > 0) ? sprintf("%.2f", c / k) : "-")}'; }
target_met() { # leg
    awk -F, -v leg="$1" -v r="$TARGET_RATE" -v p="$TARGET_P99_MS" -v kb="$KAM_BEST" \
        '$1 == leg && $2 !~ /^warmup/ && $22 == "PASS" && $5 + 0 >= r && $10 + 0 <= p && (kb == 0 || $5 + 0 >= kb / 2) {ok = 1}
         END {print ok ? "yes" : "no"}' "$STEPS_CSV"
}
read -r CPM_BEST CPM_BEST_STEP <<<"$(best cpm)"
read -r IMS_BEST IMS_BEST_STEP <<<"$(best cpm-ims)"
read -r KAM_BEST KAM_BEST_STEP <<<"$(best kamailio)"
KAM_ALL_PASSED=$(awk -F, '$1 == "kamailio" && $2 !~ /^warmup/ && $22 != "PASS" {n++} END {print n ? "no" : "yes"}' "$STEPS_CSV")
has_leg kamailio || KAM_ALL_PASSED=no
MEM_TOTAL=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
{
    echo "# Pager-mode benchmark, $STAMP"
    echo
    echo "- Machine: $NPROC CPUs ($CPU_MODEL), $MEM_TOTAL memory, $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Command: \`$COMMAND_LINE\` (tree $TREE; legs$LEGS; rates $RATES; ${STEP_SECONDS} s a step; warm-up $WARMUP)"
    echo "- Tools: $(sipp -v 2>&1 | grep -o 'SIPp v[0-9.]*' | head -1), $(command -v kamailio >/dev/null && kamailio -v | awk 'NR == 1 {print "Kamailio", $3}'), $(java -version 2>&1 | head -1)"
    ! has_leg cpm || echo "- CPM server, leg cpm (standalone: digest, the server is bob's registrar): CPM_DB=${CPM_DB:-derby}, start to ready ${READY_SECONDS[cpm]:--} s; every message answered 200 only once journaled (${JOURNAL_NOTE[cpm]:--})"
    ! has_leg cpm-ims || echo "- CPM server, leg cpm-ims (CPM_MODE=ims: sipp plays the trusted S-CSCF, third-party REGISTER for bob, MESSAGEs with P-Asserted-Identity, no digest): CPM_DB=${CPM_DB:-derby}, start to ready ${READY_SECONDS[cpm-ims]:--} s (${JOURNAL_NOTE[cpm-ims]:--})"
    ! has_leg kamailio || echo "- Kamailio: stateful relay (t_relay_to_udp), $KAM_CHILDREN UDP children, ${KAM_SHM_MB} MB shm"
    echo
    echo "| leg | step | offered/s | achieved/s | ok | failed | retrans | p50 ms | p99 ms | max ms | full p50/p99 ms | SUT CPU % | SUT MB | sipp UAC/UAS CPU % | other CPU % | journaled | verdict | failure codes |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
    awk -F, 'NR > 1 {
        codes = $23; gsub(/"/, "", codes); j = $24
        full = ($1 == "cpm") ? $12 "/" $13 : "="
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s/%s | %s | %s | %s | %s |\n",
            $1, $2, $3, $5, $6, $7, $8, $9, $10, $11, full, $15, $16, $17, $18, $19, j, $22, codes }' "$CSV"
    echo
    local_note=""
    [ "$KAM_ALL_PASSED" = yes ] && local_note=' — Kamailio passed every step offered, so its clean rate is at least this'
    clean=()
    ! has_leg cpm || clean+=("CPM **${CPM_BEST}/s** (${CPM_BEST_STEP})")
    ! has_leg cpm-ims || clean+=("CPM behind an S-CSCF **${IMS_BEST}/s** (${IMS_BEST_STEP})")
    ! has_leg kamailio || clean+=("Kamailio **${KAM_BEST}/s** (${KAM_BEST_STEP})")
    echo "- Highest clean rate (zero failures, every call completed, achieved >= 90 % of offered):" \
        "$(IFS=';'; echo "${clean[*]}" | sed 's/;/, /g')$local_note"
    if has_leg kamailio; then
        echo "- Ratio to Kamailio:$(! has_leg cpm || echo " CPM **$(ratio "$CPM_BEST" "$KAM_BEST")**")$(! has_leg cpm-ims || echo " CPM behind an S-CSCF **$(ratio "$IMS_BEST" "$KAM_BEST")**")$( [ "$KAM_ALL_PASSED" = yes ] && echo ' (upper bounds: Kamailio was not driven to failure)')"
    fi
    echo "- Target (>= $TARGET_RATE/s clean, p99 <= $TARGET_P99_MS ms, >= half of Kamailio's clean rate):$(! has_leg cpm || echo " cpm **$(target_met cpm)**")$(! has_leg cpm-ims || echo " cpm-ims **$(target_met cpm-ims)**")"
    echo
    echo "p50/p99/max: sipp's response time of the MESSAGE answered 200 (for the cpm leg the authenticated MESSAGE:"
    echo "routing, delivery to bob's device and the journal commit; for cpm-ims the one MESSAGE the S-CSCF hands"
    echo "over, delivered back through the S-CSCF); \"full\" adds the 407 round trip of the cpm leg. sipp records"
    echo "whole milliseconds (0 = under 1 ms). SUT = system under test: the server's JVM (CPU in % of one core,"
    echo "max VmRSS during the step) or all Kamailio processes (CPU summed, max summed PSS). \"other\" is the"
    echo "machine's busy time not accounted for by the SUT and the two sipps (other processes on the machine)."
    echo "journaled = distinct imdn.Message-IDs of the step found in cpm_message after the server stopped."
} >"$MD"
cat "$MD"
log "results: $MD and $CSV (work files in $WORK)"
