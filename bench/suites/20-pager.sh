#!/usr/bin/env bash
# pager relay rate and latency: CPM standalone, CPM behind an S-CSCF, and Kamailio's stateful relay
#
# Runs bench/pager.sh (all three legs, the server on this run's database) and turns its step table
# into rows: the highest clean rate of each leg, the ratios to Kamailio, p50/p99 at that rate and
# the server's RSS there; charts latency and achieved rate against offered rate (latency.png).
# Settings: BENCH_PAGER_RATES, BENCH_PAGER_STEP_SECONDS, BENCH_PAGER_WARMUP, BENCH_PAGER_LEGS,
# BENCH_PAGER_CPU_RATE (the offered rate of the CPU-per-message ratio, 2000).
set -euo pipefail
. "$BENCH_LIB"

if [ "$BENCH_QUICK" = 1 ]; then
    RATES=${BENCH_PAGER_RATES:-"100 200 400"}; STEP=${BENCH_PAGER_STEP_SECONDS:-5}; WARM=${BENCH_PAGER_WARMUP:-"50:5"}
    export BENCH_KAM_WARMUP=${BENCH_KAM_WARMUP:-"50:2"} BENCH_COOLDOWN=${BENCH_COOLDOWN:-1} BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-5}
else
    RATES=${BENCH_PAGER_RATES:-"500 1000 1500 2000 3000 4000 5000 7500 10000"}; STEP=${BENCH_PAGER_STEP_SECONDS:-10}
    WARM=${BENCH_PAGER_WARMUP:-"300:15"}
    export BENCH_COOLDOWN=${BENCH_COOLDOWN:-3} BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-15}
fi
LEGS=${BENCH_PAGER_LEGS:-cpm,cpm-ims,kamailio}

# pager.sh reads the same BENCH_*_PORT names bench/run exported, and CPM_DB* from the environment
BENCH_RESULTS=$BENCH_SUITE_DIR BENCH_NAME=steps BENCH_WORK=$BENCH_WORK/pager \
    bash "$BENCH_DIR/pager.sh" --rates "$RATES" --step-seconds "$STEP" --warmup "$WARM" --only "$LEGS" >"$BENCH_WORK/pager.out"
STEPS=$BENCH_SUITE_DIR/steps.csv
[ -s "$STEPS" ] || die "pager.sh wrote no step table"

# columns of steps.csv: 1 leg, 2 step, 3 offered, 5 achieved, 9 p50, 10 p99, 16 SUT MB, 22 verdict
best() { # leg -> "achieved step p50 p99 mb" of the passing step with the highest achieved rate
    awk -F, -v leg="$1" '$1 == leg && $22 == "PASS" && $2 !~ /^warmup/ && $5 + 0 > b {b = $5 + 0; r = $5 " " $2 " " $9 " " $10 " " $16}
        END {print (r == "" ? "0 - - - -" : r)}' "$STEPS"
}
all_passed() { awk -F, -v leg="$1" '$1 == leg && $2 !~ /^warmup/ {n++; if ($22 != "PASS") f++} END {print (n && !f) ? "yes" : "no"}' "$STEPS"; }
ran() { awk -F, -v leg="$1" '$1 == leg {n++} END {print n ? "yes" : "no"}' "$STEPS"; }
read -r kam kam_step kam_p50 kam_p99 kam_mb <<<"$(best kamailio)"
kam_note=""; [ "$(all_passed kamailio)" = no ] || kam_note="; passed every step offered, so its limit is higher"
for leg in cpm cpm-ims; do
    [ "$(ran "$leg")" = yes ] || continue
    read -r rate step p50 p99 mb <<<"$(best "$leg")"
    key=${leg//-/_}
    what="standalone, digest"; [ "$leg" = cpm ] || what="behind sipp as the trusted S-CSCF, no digest"
    bench_row "${key}_clean_rate" "$rate" "msg/s" "$what; step $step; zero failures, every call completed, achieved >= 90 % of offered"
    bench_row "${key}_p50_at_clean_rate" "$p50" ms "MESSAGE -> 200 at $step (sipp, whole ms)"
    bench_row "${key}_p99_at_clean_rate" "$p99" ms "at $step"
    bench_row "${key}_rss_at_clean_rate" "$mb" MB "max JVM VmRSS during $step"
    if [ "$(ran kamailio)" = yes ]; then
        bench_row "${key}_vs_kamailio" "$(awk -v c="$rate" -v k="$kam" 'BEGIN {print (k > 0) ? sprintf("%.2f", c / k) : "-"}')" ratio \
            "clean rate / Kamailio's clean rate$([ -z "$kam_note" ] || echo " (an upper bound: Kamailio was not driven to failure)")"
    fi
done
if [ "$(ran kamailio)" = yes ]; then
    bench_row kamailio_clean_rate "$kam" "msg/s" "stateful relay (tm), step $kam_step$kam_note"
    bench_row kamailio_p99_at_clean_rate "$kam_p99" ms "at $kam_step"
fi
# CPU per message at one offered rate, next to Kamailio's at the same rate: the ratio that does not
# depend on the load generator (Kamailio is never driven to failure here, sipp shares the cores).
# The server's cost is its JVM plus everything else the step used but sipp (the database, mostly);
# Kamailio's is its own processes. Columns 15 SUT CPU %, 19 other CPU %, 22 verdict.
CPU_RATE=${BENCH_PAGER_CPU_RATE:-2000}
cpu_at() { # leg rate -> "sut other verdict" of the step offered at that rate, or "- - -"
    awk -F, -v leg="$1" -v rate="$2" '$1 == leg && $2 !~ /^warmup/ && $3 + 0 == rate + 0 {print $15 + 0, $19 + 0, $22; f = 1; exit}
        END {if (!f) print "- - -"}' "$STEPS"
}
if [ "$(ran kamailio)" = yes ]; then
    read -r kam_cpu _ kam_verdict <<<"$(cpu_at kamailio "$CPU_RATE")"
    [ "$kam_cpu" = - ] || bench_row kamailio_cpu_at_${CPU_RATE} "$kam_cpu" "% core" "all Kamailio processes at $CPU_RATE/s offered ($kam_verdict)"
    for leg in cpm cpm-ims; do
        [ "$(ran "$leg")" = yes ] || continue
        read -r sut other verdict <<<"$(cpu_at "$leg" "$CPU_RATE")"
        [ "$sut" != - ] || continue
        key=${leg//-/_}
        bench_row "${key}_cpu_at_${CPU_RATE}" "$((sut + other))" "% core" "JVM $sut % + database and other $other % at $CPU_RATE/s offered ($verdict)"
        bench_row "${key}_cpu_per_message_vs_kamailio" \
            "$(awk -v c="$((sut + other))" -v k="$kam_cpu" 'BEGIN {print (k > 0) ? sprintf("%.2f", c / k) : "-"}')" ratio \
            "CPU per message at $CPU_RATE/s offered, server (JVM + database) / Kamailio's stateful relay, same run (goal 2, at most 4)"
    done
fi
bench_row cpm_max_rss "$(awk -F, '$1 ~ /^cpm/ && $16 + 0 > m {m = $16 + 0} END {print m + 0}' "$STEPS")" MB "max JVM VmRSS over every step of both CPM legs"

# ----- chart: latency and achieved rate against offered rate -----
for leg in cpm cpm-ims kamailio; do   # offered achieved p50 p99 passed (0 ms drawn at 0.5: under 1 ms)
    awk -F, -v leg="$leg" '$1 == leg && $2 !~ /^warmup/ && $22 != "SKIPPED" && $9 != "-" {
        printf "%s %s %s %s %d\n", $3, $5, ($9 < 0.5 ? 0.5 : $9), ($10 < 0.5 ? 0.5 : $10), ($22 == "PASS") }' "$STEPS" >"$BENCH_WORK/plot-$leg.dat"
done
if command -v gnuplot >/dev/null; then
    plots_lat=(); plots_rate=()
    declare -A color=([cpm]='#1f77b4' [cpm-ims]='#2ca02c' [kamailio]='#d62728')
    for leg in cpm cpm-ims kamailio; do
        d=$BENCH_WORK/plot-$leg.dat; [ -s "$d" ] || continue
        c=${color[$leg]}
        plots_lat+=("'$d' using 1:3 with linespoints lw 2 pt 7 lc rgb '$c' title '$leg p50'"
                    "'$d' using 1:4 with linespoints lw 2 dt 2 pt 5 lc rgb '$c' title '$leg p99'"
                    "'$d' using 1:(\$5 == 0 ? \$4 : 1/0) with points pt 6 ps 2.5 lc rgb 'black' notitle")
        plots_rate+=("'$d' using 1:2 with linespoints lw 2 pt 7 lc rgb '$c' title '$leg'"
                     "'$d' using 1:(\$5 == 0 ? \$2 : 1/0) with points pt 6 ps 2.5 lc rgb 'black' notitle")
    done
    if [ "${#plots_lat[@]}" -gt 0 ]; then
        join() { local IFS=','; echo "$*"; }
        gnuplot >"$BENCH_WORK/gnuplot.out" 2>&1 <<GP || log "gnuplot failed; see $BENCH_WORK/gnuplot.out"
set terminal pngcairo size 1000,900 font ',10'
set output '$BENCH_SUITE_DIR/latency.png'
set multiplot layout 2,1 title 'Pager MESSAGE relay: CPM (standalone, behind an S-CSCF) and Kamailio, same machine, same run'
set grid
set key outside right
set xlabel 'offered rate (messages/s, log scale)'
set logscale x
set ylabel 'response time (ms, log scale; 0.5 = under 1 ms)'
set logscale y
set title 'p50 (solid) and p99 (dashed) latency of the MESSAGE answered 200; circled: step failed'
plot $(join "${plots_lat[@]}")
unset logscale y
set ylabel 'achieved rate (messages/s)'
set title 'achieved against offered rate (dotted: achieved = offered)'
plot $(join "${plots_rate[@]}"), x with lines dt 3 lc rgb 'gray' title 'offered'
unset multiplot
GP
    fi
fi

{
    echo "![latency and achieved rate against offered rate](./latency.png)"
    echo
    echo "Step table of \`bench/pager.sh\` (also \`steps.csv\`); the suite ran it with \`--rates \"$RATES\" --step-seconds $STEP --warmup \"$WARM\" --only $LEGS\`."
    echo
    grep '^- \(CPM server\|Kamailio\)' "$BENCH_SUITE_DIR/steps.md" || true
    echo
    sed -n '/^| leg /,$p' "$BENCH_SUITE_DIR/steps.md"
} >"$BENCH_SUITE_DIR/section.md"
