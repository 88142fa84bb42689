#!/usr/bin/env bash
# overload: twice the clean rate, then half of it: 503 + Retry-After instead of timeouts, and recovery
#
# Offers 2 x the cpm clean rate the pager suite found in this run (or BENCH_OVERLOAD_RATE) for
# BENCH_OVERLOAD_SECONDS (30; 10 with --quick), then 0.5 x that clean rate for as long, on one
# server, with the test suite's scenario pager-send-or-shed.xml (either MESSAGE may be answered
# 503, which must carry Retry-After; otherwise 407, then 200/202). Two configurations, each on a
# fresh server and database:
#   dimensioned: CPM_OVERLOAD_MAX_MESSAGE_RATE (authenticated messages/s) set to the clean rate,
#                as an operator sizes a node from this benchmark;
#   default:     no rate cap; the queue delay, deliveries in flight and the journal backlog shed load.
# Per phase: calls, answered 200/202, shed with 503, other failures (timeouts, 480 from the
# container's own guard), and the phase's p50/p99. "recovered" when the calm phase has no failure.
set -euo pipefail
. "$BENCH_LIB"

clean=$(bench_value pager cpm_clean_rate)
if [ -n "${BENCH_OVERLOAD_RATE:-}" ]; then
    CLEAN=$BENCH_OVERLOAD_RATE; rate_note="set with BENCH_OVERLOAD_RATE"
elif [ -n "$clean" ] && [ "$clean" -ge 2 ]; then
    CLEAN=$clean; rate_note="the cpm clean rate of the pager suite in this run"
else
    CLEAN=$([ "$BENCH_QUICK" = 1 ] && echo 100 || echo 500); rate_note="default: the pager suite found no cpm clean rate in this run"
fi
SECONDS_PER_PHASE=${BENCH_OVERLOAD_SECONDS:-$([ "$BENCH_QUICK" = 1 ] && echo 10 || echo 30)}
HIGH=$((CLEAN * 2)); LOW=$((CLEAN / 2 > 0 ? CLEAN / 2 : 1))
TEST_SIPP=$BENCH_TREE/cpm-ear/src/test/resources/sipp
cleanup() { stop_pid "$UAS_PID" 5; stop_cpm; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# udp_drops: datagrams the kernel dropped at the server's SIP UDP socket so far (socket buffer
# full: the server never saw them, so neither a 503 nor a 480 could answer them)
udp_drops() {
    { ss -Huamn "sport = :$BENCH_SIP_PORT" 2>/dev/null || true; } | { grep -o ',d[0-9]*)' || true; } | tr -dc '0-9\n' \
        | awk '{s += $1} END {print s + 0}'
}

# phase CONFIG NAME RATE: one sipp run; prints "calls ok200 ok202 shed other p50 p99 timeouts r480 drops"
phase() {
    local config=$1 name=$2 rate=$3 dir=$BENCH_WORK/$1/$2
    mkdir -p "$dir"
    cp "$TEST_SIPP/pager-send-or-shed.xml" "$dir/uac.xml"
    local drops_before
    drops_before=$(udp_drops)
    (cd "$dir" && sipp "127.0.0.1:$BENCH_SIP_PORT" -sf uac.xml -t u1 -i 127.0.0.1 -p "$BENCH_CPM_UAC_PORT" -s bob \
        -key domain localhost -key from_user alice -key message_id "ov-$config-$name" -au alice -ap alice-password \
        -m $((rate * SECONDS_PER_PHASE)) -r "$rate" -l $((rate * 20 > 1000 ? rate * 20 : 1000)) -recv_timeout 10000 \
        -timeout $((SECONDS_PER_PHASE * 3 + 60))s -timer_resol 1 -buff_size 2097152 -nostdin \
        -trace_stat -trace_counts -trace_rtt -rtt_freq 100 -trace_err >uac.out 2>&1) || true
    local counts stats rtt
    counts=$(ls "$dir"/uac_*_counts.csv 2>/dev/null | head -1 || true)
    stats=$(ls "$dir"/uac_*_.csv 2>/dev/null | head -1 || true)
    [ -n "$counts" ] && [ -n "$stats" ] || die "sipp left no statistics for $config/$name; see $dir/uac.out"
    # the scenario's responses by status, summed over its receive elements (last line = totals)
    awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) h[i] = $i; next} {l = $0}
        END {n = split(l, v, ";"); for (i = 1; i <= n; i++) {if (h[i] ~ /_503_Recv$/) s += v[i];
             if (h[i] ~ /_200_Recv$/) a += v[i]; if (h[i] ~ /_202_Recv$/) b += v[i]}; print a + 0, b + 0, s + 0}' \
        "$counts" >"$dir/by-status.txt"
    local ok200 ok202 shed created failed
    read -r ok200 ok202 shed <"$dir/by-status.txt"
    read -r created failed < <(awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next} {l = $0}
        END {split(l, v, ";"); print v[c["TotalCallCreated"]] + 0, v[c["FailedCall(C)"]] + 0}' "$stats")
    rtt=$(ls "$dir"/uac_*_rtt.csv 2>/dev/null | head -1 || true)
    local p50="-" p99="-"
    if [ -n "$rtt" ]; then
        read -r p50 p99 < <(awk -F';' 'NR > 1 {print $2}' "$rtt" | sort -n | awk '{v[++n] = $1}
            function q(p,  i) {if (!n) return "-"; i = int(p * n + 0.999999); return v[i < 1 ? 1 : i]} END {print q(0.5), q(0.99)}')
    fi
    # what the failures were: timeouts per scenario element in the counts (sipp's error log is
    # cut short under load, so it only gives a lower bound of the 480s)
    local errors timeouts r480=0
    timeouts=$(awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) h[i] = $i; next} {l = $0}
        END {n = split(l, v, ";"); for (i = 1; i <= n; i++) if (h[i] ~ /_Timeout$/) t += v[i]; print t + 0}' "$counts")
    errors=$(ls "$dir"/uac_*_errors.log 2>/dev/null | head -1 || true)
    [ -z "$errors" ] || r480=$(grep -c "received 'SIP/2.0 480" "$errors" || true)
    # a call shed with 503 ends well; sipp counts as failed only the unexpected answers and timeouts
    echo "$created $ok200 $ok202 $shed $failed $p50 $p99 $timeouts $r480 $(( $(udp_drops) - drops_before ))"
}

run_config() { # CONFIG [VAR=VALUE...]
    local config=$1; shift
    pg_reset_db # a fresh database too: the first configuration's deferred messages must not fill bob's store
    start_cpm "$config" "$BENCH_WORK/$config/data" "$@"
    provision alice bob
    bob_device "$BENCH_WORK/$config/device"
    log "$config: warm-up at $LOW/s"
    phase "$config" warmup "$LOW" >/dev/null
    log "$config: $HIGH/s for $SECONDS_PER_PHASE s"
    local hi lo
    hi=$(phase "$config" overload "$HIGH")
    log "$config: then $LOW/s for $SECONDS_PER_PHASE s"
    lo=$(phase "$config" calm "$LOW")
    stop_pid "$UAS_PID" 5; UAS_PID=""
    stop_cpm
    local c a b s f p50 p99 t r d
    read -r c a b s f p50 p99 t r d <<<"$hi"
    log "$config overload: $c calls, $a x 200, $b x 202, $s x 503, $f failed ($t timeouts, $r x 480); p50/p99 $p50/$p99 ms; $d datagrams dropped at the server's socket"
    bench_row "${config}_overload_calls" "$c" calls "offered at $HIGH/s for $SECONDS_PER_PHASE s"
    bench_row "${config}_overload_shed_503" "$s" responses "503 with Retry-After (sipp fails a call whose 503 lacks it)"
    bench_row "${config}_overload_delivered" "$((a + b))" calls "$a answered 200, $b answered 202"
    bench_row "${config}_overload_failed" "$f" calls "$t timed out (no answer in 10 s), at least $r answered 480 (the container's queue guard, or the recipient's deferred store full)"
    bench_row "${config}_overload_p99" "$p99" ms "p50 $p50 ms; response time of every answer (503s included)"
    bench_row "${config}_overload_udp_drops" "$d" datagrams "dropped by the kernel at the server's SIP UDP socket (buffer full; never reached the server)"
    read -r c a b s f p50 p99 t r d <<<"$lo"
    local verdict=$([ "$f" -eq 0 ] && [ "$s" -eq 0 ] && echo yes || echo no)
    log "$config calm: $c calls, $a x 200, $b x 202, $s x 503, $f failed; p50/p99 $p50/$p99 ms; recovered: $verdict"
    bench_row "${config}_calm_failed" "$f" calls "at $LOW/s right after the overload; $s shed, $((a + b)) delivered of $c"
    bench_row "${config}_calm_p99" "$p99" ms "p50 $p50 ms"
    bench_row "${config}_recovered" "$verdict" "-" "no failure and nothing shed in the calm phase"
}

log "clean rate $CLEAN/s ($rate_note): overload at $HIGH/s, calm at $LOW/s, $SECONDS_PER_PHASE s each"
bench_row overload_clean_rate "$CLEAN" "msg/s" "$rate_note"
run_config dimensioned CPM_OVERLOAD_MAX_MESSAGE_RATE=$CLEAN
run_config default

{
    echo "Twice the clean rate, then half of it, on a fresh server each (\`pager-send-or-shed.xml\`: a 503"
    echo "without \`Retry-After\` fails the call). *dimensioned*: \`CPM_OVERLOAD_MAX_MESSAGE_RATE\` set from"
    echo "the clean rate; *default*: no rate cap, so only the queue delay (\`cpm.overload.max-queue-delay-ms\`),"
    echo "deliveries in flight (\`cpm.overload.max-in-flight\`) and the journal backlog shed. A 503 counts as"
    echo "handled; *failed* are timeouts and other answers (a 480 when the recipient's deferred store is full)."
    echo "*udp_drops* are datagrams the kernel dropped at the server's socket: they never reached the server."
} >"$BENCH_SUITE_DIR/section.md"
