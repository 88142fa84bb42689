#!/usr/bin/env bash
# deferred drain: store N messages for offline bob, then register his device and time the drain
#
# 1. Server on this run's database with a deferred store large enough for N
#    (CPM_DEFERRED_MAX_MESSAGES, CPM_DEFERRED_MAX_BYTES); alice, bob and carol provisioned, offline.
# 2. Store: after an unmeasured warm-up (BENCH_DRAIN_WARMUP, N/10 at most 1,000, to carol, who
#    stays offline), sipp sends N pager MESSAGEs alice -> bob at BENCH_DRAIN_STORE_RATE/s (digest, the
#    same body as the pager benchmark); every one must be answered 202 (stored).
# 3. Drain: a sipp UAS (bench/sipp/device-log.xml) listens, then bob's device registers (digest)
#    with that UAS as its Contact; the server pushes what waits. The UAS answers 200 to every
#    MESSAGE and logs when each imdn.Message-ID arrived. Ends when every stored message arrived,
#    after BENCH_DRAIN_IDLE_SECONDS without a new one, or after BENCH_DRAIN_MAX_SECONDS.
# Rows: store rate, drain rate (overall and median over 1 s windows), time to empty, duplicates,
# out-of-order arrivals, server RSS. Chart: drain.png (messages per second and cumulative).
set -euo pipefail
. "$BENCH_LIB"

if [ "$BENCH_QUICK" = 1 ]; then
    N=${BENCH_DRAIN_MESSAGES:-1000}; RATE=${BENCH_DRAIN_STORE_RATE:-100}; MAX=${BENCH_DRAIN_MAX_SECONDS:-300}
else
    N=${BENCH_DRAIN_MESSAGES:-10000}; RATE=${BENCH_DRAIN_STORE_RATE:-200}; MAX=${BENCH_DRAIN_MAX_SECONDS:-600}
fi
IDLE=${BENCH_DRAIN_IDLE_SECONDS:-75}      # > the first retry delay (30 s) of a push the device did not take
UAC_PORT=$BENCH_AUX_PORT1 DEVICE_PORT=$BENCH_AUX_PORT2 REG_PORT=$BENCH_AUX_PORT3
TEST_SIPP=$BENCH_TREE/cpm-ear/src/test/resources/sipp
TAG=drain$(date -u +%Y%m%d%H%M%S)
UAS_PID=""
cleanup() { stop_pid "$UAS_PID" 5; stop_cpm; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

start_cpm server "$BENCH_WORK/data" CPM_DEFERRED_MAX_MESSAGES=$((N + 1000)) CPM_DEFERRED_MAX_BYTES=2000000000
log "server ready after $CPM_READY_S s (JVM pid $CPM_JAVA_PID)"
provision alice bob carol
SERVER_LOG=$BENCH_WLP/usr/servers/cpm/logs/messages.log
log0=$(wc -l <"$SERVER_LOG" 2>/dev/null || echo 0)     # the server's log from here on: store and drain

# ----- store N messages for offline bob -----
store=$BENCH_WORK/store
mkdir -p "$store"
sed 's/<recv response="200" rtd="1"\/>/<recv response="202" rtd="1"\/>/' "$BENCH_DIR/sipp/cpm-uac.xml" >"$store/store-uac.xml"
grep -q 'response="202"' "$store/store-uac.xml" || die "could not derive the storing scenario from sipp/cpm-uac.xml"
# warm-up, not measured: WARM messages for carol, who stays offline (JIT, pools, the 202 path)
WARM=${BENCH_DRAIN_WARMUP:-$(( N / 10 < 1000 ? N / 10 : 1000 ))}
if [ "$WARM" -gt 0 ]; then
    log "warm-up: $WARM messages for offline carol at $RATE/s (not measured)"
    mkdir -p "$BENCH_WORK/warmup"
    cp "$store/store-uac.xml" "$BENCH_WORK/warmup/"
    (cd "$BENCH_WORK/warmup" && sipp "127.0.0.1:$BENCH_SIP_PORT" -sf store-uac.xml -t u1 -i 127.0.0.1 -p "$UAC_PORT" -s carol \
        -key domain localhost -key from_user alice -key run "warm$TAG" -au alice -ap alice-password \
        -m "$WARM" -r "$RATE" -recv_timeout 10000 -timeout $((WARM / RATE * 3 + 60))s -buff_size 2097152 -nostdin >uac.out 2>&1) \
        || log "the warm-up had failures (see $BENCH_WORK/warmup/uac.out); going on"
    sleep 2
fi
log "storing $N messages for offline bob at $RATE/s"
t0=$(now)
rc=0
(cd "$store" && sipp "127.0.0.1:$BENCH_SIP_PORT" -sf store-uac.xml -t u1 -i 127.0.0.1 -p "$UAC_PORT" -s bob \
    -key domain localhost -key from_user alice -key run "$TAG" -au alice -ap alice-password \
    -m "$N" -r "$RATE" -l $((RATE * 10 > 1000 ? RATE * 10 : 1000)) -recv_timeout 10000 \
    -timeout $((N / RATE * 3 + 120))s -timeout_error -buff_size 2097152 -nostdin \
    -trace_stat -fd 1 -trace_rtt -rtt_freq 100 -trace_err >uac.out 2>&1) || rc=$?
store_wall=$(elapsed "$t0")
stats=$(ls "$store"/*_.csv 2>/dev/null | head -1 || true)
[ -n "$stats" ] || die "sipp left no statistics (exit $rc); see $store/uac.out"
read -r stored failed < <(awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next} {l = $0}
    END {split(l, v, ";"); print v[c["SuccessfulCall(C)"]] + 0, v[c["FailedCall(C)"]] + 0}' "$stats")
rtt=$(ls "$store"/*_rtt.csv 2>/dev/null | head -1 || true)
read -r store_p50 store_p99 store_end_ms < <(awk -F';' 'NR > 1 && $3 == 1 {print $2; if ($1 > e) e = $1} END {print "end", e + 0}' "${rtt:-/dev/null}" \
    | sort -n | awk '$1 == "end" {e = $2; next} {v[++n] = $1}
        function q(p,  i) {if (!n) return "-"; i = int(p * n + 0.999999); return v[i < 1 ? 1 : i]}
        END {print q(0.5), q(0.99), e + 0}')
codes=$( { grep -ho "Aborting call on unexpected message.*received 'SIP/2.0 [0-9][0-9][0-9]" "$store"/*_errors.log 2>/dev/null || true; } \
    | awk '{c[substr($NF, 1, 3)]++} END {for (k in c) printf "%s%s x%d", (n++ ? ", " : ""), k, c[k]}')
store_rate=$(awk -v ok="$stored" -v ms="$store_end_ms" -v w="$store_wall" 'BEGIN {d = (ms > 0) ? ms / 1000 : w; printf "%.0f", (d > 0) ? ok / d : 0}')
rss_stored=$(rss_mb_of "$CPM_JAVA_PID")
log "stored: $stored answered 202, $failed failed${codes:+ ($codes)}; $store_rate/s; p50/p99 $store_p50/$store_p99 ms; RSS $rss_stored MB"
[ "$stored" -gt 0 ] || die "no message was stored (202); see $store"
# the order the server will push in (the store's own order): for the out-of-order count
in_db=""; : >"$BENCH_WORK/stored-order.txt"
if [ "$CPM_DB" = postgresql ]; then
    pg_query cpm "SELECT imdn_message_id FROM cpm_deferred WHERE recipient = 'sip:bob@localhost' ORDER BY received_at, arrival_seq" \
        >"$BENCH_WORK/stored-order.txt" 2>"$BENCH_WORK/stored-order.err" || log "could not read the stored order: $(head -c 200 "$BENCH_WORK/stored-order.err")"
    in_db=$(wc -l <"$BENCH_WORK/stored-order.txt")
fi

# ----- drain: the device listens, then registers -----
drain=$BENCH_WORK/drain
mkdir -p "$drain"
cp "$BENCH_DIR/sipp/device-log.xml" "$BENCH_DIR/sipp/register-contact.xml" "$drain/"
(cd "$drain" && exec sipp -sf device-log.xml -t u1 -i 127.0.0.1 -p "$DEVICE_PORT" -buff_size 4194304 -nostdin \
    -trace_logs -trace_stat -fd 5 >uas.out 2>&1) &
UAS_PID=$!
sleep 1
kill -0 "$UAS_PID" 2>/dev/null || die "the device's sipp did not start; see $drain/uas.out"
rxlog=$drain/device-log_${UAS_PID}_logs.log
: >>"$rxlog"
# what to wait for: the rows stored for bob when known (a 202 sipp gave up on may still have been stored)
expect=$stored; [ -z "$in_db" ] || [ "$in_db" -eq 0 ] || expect=$in_db
log "registering bob's device (Contact port $DEVICE_PORT) and waiting for $expect messages"
t_reg=$(now)
(cd "$drain" && timeout 60 sipp "127.0.0.1:$BENCH_SIP_PORT" -sf register-contact.xml -t u1 -m 1 -i 127.0.0.1 -p "$REG_PORT" \
    -s bob -au bob -ap bob-password -key domain localhost -key contact_port "$DEVICE_PORT" -key expires 3600 \
    -key instance "urn:uuid:$(cat /proc/sys/kernel/random/uuid)" -timeout 30s -timeout_error -nostdin -trace_err >register.out 2>&1) \
    || die "registering bob's device failed; see $drain"
distinct() { awk '$1 == "rx" {print $NF}' "$rxlog" | sort -u | wc -l; }
last_count=0; last_change=$(now); rss_max=0; : >"$BENCH_WORK/rss.txt"; end_reason="every stored message arrived"
while :; do
    sleep 1
    got=$(distinct)
    r=$(rss_mb_of "$CPM_JAVA_PID"); [ "$r" -le "$rss_max" ] || rss_max=$r
    echo "$(elapsed "$t_reg") $got $r" >>"$BENCH_WORK/rss.txt"
    if [ "$got" -ne "$last_count" ]; then last_count=$got; last_change=$(now); fi
    [ "$got" -lt "$expect" ] || break
    if awk -v a="$last_change" -v b="$(now)" -v l="$IDLE" 'BEGIN {exit !(b - a > l)}'; then end_reason="no new message for $IDLE s"; break; fi
    if awk -v a="$t_reg" -v b="$(now)" -v l="$MAX" 'BEGIN {exit !(b - a > l)}'; then end_reason="stopped after $MAX s"; break; fi
    kill -0 "$UAS_PID" 2>/dev/null || die "the device's sipp exited; see $drain/uas.out"
done
sleep 3   # late duplicates
log "drain ended: $end_reason"
stop_pid "$UAS_PID" 5; UAS_PID=""
rss_after=$(rss_mb_of "$CPM_JAVA_PID")
# warnings and errors the server logged while storing and draining
{ tail -n +$((log0 + 1)) "$SERVER_LOG" 2>/dev/null | grep '^\[[^]]*\] [0-9a-f]* [^ ]* *[WE] ' || true; } \
    | grep -v 'SQL Warning Code: 0\|does not exist, skipping' | tail -20 >"$BENCH_WORK/server-warnings.txt" || true
cp "$BENCH_WLP/usr/servers/cpm/logs/messages.log" "$BENCH_WORK/server-messages.log" 2>/dev/null || true
stop_cpm

# ----- what reached the device -----
# per line "rx <date> <time> <epoch> <id>": first arrival of each id, relative to the REGISTER
# out of order: an arrival ranked (in the store's order) before one that already arrived
awk -v t0="$t_reg" -v tag="$TAG" 'FILENAME == ARGV[1] {rank[$1] = FNR; nrank++; next}
    $1 == "rx" {
        id = $NF; e = $(NF - 1); total++
        if (id in seen) {dup++; next}
        seen[id] = 1
        if (id in rank) {if (rank[id] < maxr) ooo++; else maxr = rank[id]}
        if (index(id, tag) != 1) foreign++
        printf "%.6f\n", e - t0 > "/dev/stderr"
    }
    END {printf "%d %d %s %d\n", total, dup + 0, (nrank ? ooo + 0 : "-"), foreign + 0}' \
    "$BENCH_WORK/stored-order.txt" "$rxlog" 2>"$BENCH_WORK/arrivals.txt" >"$BENCH_WORK/counts.txt"
read -r total dups ooo foreign <"$BENCH_WORK/counts.txt"
received=$(wc -l <"$BENCH_WORK/arrivals.txt")
sort -n "$BENCH_WORK/arrivals.txt" -o "$BENCH_WORK/arrivals.txt"
first=$(head -1 "$BENCH_WORK/arrivals.txt"); last=$(tail -1 "$BENCH_WORK/arrivals.txt")
# messages per 1 s window since the REGISTER; median over the windows from the first to the last
# arrival, leaving out the partial first and last window when there are more than 2
awk '{w = int($1); c[w]++; if (NR == 1) lo = w; hi = w} END {for (w = lo; w <= hi; w++) print w, c[w] + 0}' \
    "$BENCH_WORK/arrivals.txt" >"$BENCH_SUITE_DIR/drain-per-second.txt"
windows=$(awk 'NR > 1 {print prev} {prev = $2}' "$BENCH_SUITE_DIR/drain-per-second.txt" | tail -n +2)
[ "$(wc -l <"$BENCH_SUITE_DIR/drain-per-second.txt")" -gt 2 ] || windows=$(awk '{print $2}' "$BENCH_SUITE_DIR/drain-per-second.txt")
median_rate=$(median $windows)
overall=$(awk -v n="$received" -v l="${last:-0}" 'BEGIN {printf "%.0f", (l > 0) ? n / l : 0}')
steady=$(awk -v n="$received" -v f="${first:-0}" -v l="${last:-0}" 'BEGIN {printf "%.0f", (l > f) ? (n - 1) / (l - f) : 0}')
log "received $received distinct of $expect ($dups duplicates, $ooo out of order); first after ${first:-?} s, last after ${last:-?} s"

bench_row messages_stored "$stored" messages "of $N sent at $RATE/s; $failed not answered 202${codes:+ ($codes)}${in_db:+; $in_db rows in cpm_deferred before the drain}"
bench_row store_rate "$store_rate" "msg/s" "202s / time to the last 202; offered $RATE/s; MESSAGE -> 202 p50 $store_p50 ms, p99 $store_p99 ms"
bench_row drain_rate_overall "$overall" "msg/s" "distinct messages received / time from REGISTER to the last one"
bench_row drain_rate_median_1s "$median_rate" "msg/s" "median of messages received per 1 s window, first to last arrival (partial end windows left out)"
bench_row time_to_first_message "$(awk -v f="${first:-0}" 'BEGIN {printf "%.2f", f}')" s "REGISTER sent -> first pushed MESSAGE at the device"
bench_row time_to_empty "$(awk -v l="${last:-0}" 'BEGIN {printf "%.1f", l}')" s "REGISTER sent -> last stored message at the device ($end_reason)"
bench_row messages_received "$received" messages "distinct imdn.Message-IDs at the device; missing: $((expect - received > 0 ? expect - received : 0)) of $expect stored$([ "$foreign" = 0 ] || echo "; not of this run: $foreign")"
bench_row duplicates "$dups" messages "MESSAGEs received again after the device had answered 200 (sipp absorbs retransmissions)"
bench_row out_of_order "$ooo" messages "arrivals that come before one already received in the store's order (cpm_deferred by received_at, arrival_seq)"
bench_row rss_after_store "$rss_stored" MB "JVM VmRSS with the $stored messages stored"
bench_row rss_max_during_drain "$rss_max" MB "JVM VmRSS, sampled every second of the drain; $rss_after MB at the end"

if command -v gnuplot >/dev/null && [ -s "$BENCH_SUITE_DIR/drain-per-second.txt" ]; then
    gnuplot >"$BENCH_WORK/gnuplot.out" 2>&1 <<GP || log "gnuplot failed; see $BENCH_WORK/gnuplot.out"
set terminal pngcairo size 1000,500 font ',10'
set output '$BENCH_SUITE_DIR/drain.png'
set title "Deferred drain: $received of $expect stored messages pushed to bob's device after it registered"
set grid
set xlabel 'seconds since the REGISTER'
set ylabel 'messages received per second'
set y2label 'messages received (cumulative)'
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set key top left
set boxwidth 1 absolute
set style fill solid 0.35
plot '$BENCH_SUITE_DIR/drain-per-second.txt' using (\$1 + 0.5):2 with boxes lc rgb '#1f77b4' title 'per second (1 s windows)', \
     '$BENCH_WORK/arrivals.txt' using 1:0 axes x1y2 with lines lw 2 lc rgb '#ff7f0e' title 'cumulative'
GP
fi
{
    echo "![messages per second and cumulative during the drain](./drain.png)"
    echo
    echo "$N pager MESSAGEs alice -> bob (offline) at $RATE/s, each answered 202 once stored (after $WARM unmeasured ones"
    echo "to carol, who stays offline, as a warm-up); then bob's device"
    echo "(a sipp UAS answering 200 to every MESSAGE) registers and the server pushes what waits, one message at"
    echo "a time per device. \`drain-per-second.txt\`: seconds since the REGISTER, messages received in that second."
    if [ -s "$BENCH_WORK/server-warnings.txt" ]; then
        echo
        echo "Warnings and errors in the server's log while storing and draining (last 20):"
        echo
        echo '```'
        cut -c1-300 "$BENCH_WORK/server-warnings.txt"
        echo '```'
    fi
} >"$BENCH_SUITE_DIR/section.md"
