#!/usr/bin/env bash
# soak: pager traffic at half the clean rate for 10 minutes; RSS, latency and failures over time
#
# After a 30 s warm-up at half that rate (BENCH_SOAK_WARMUP_SECONDS; not measured), the standalone
# pager traffic of the pager suite (bench/sipp/cpm-uac.xml, digest, bob's device a
# sipp UAS) at BENCH_SOAK_RATE, by default half of the cpm_clean_rate the pager suite found in this
# run, for BENCH_SOAK_SECONDS (600; --soak-minutes). Per window (BENCH_SOAK_WINDOW: 60 s, or a
# sixth of a soak shorter than 5 minutes): calls, failures, p50/p99, the JVM's max RSS and CPU.
# Verdict "flat" when all of:
#   - zero failed calls and every call completed;
#   - RSS: max RSS of the last window <= 1.10 x max RSS of the baseline window;
#   - latency: the median of the per-window p99 over the last third of the windows <=
#     max(2 x, + 10 ms) the median over as many windows from the baseline on (a trend, not one
#     noisy window: a single window's p99 at 1,000 calls/s moves with one GC pause);
# the baseline window is the second one (the first includes JIT and pool warm-up), or the first
# when there are fewer than 3. Otherwise "not flat", naming which rule failed.
set -euo pipefail
. "$BENCH_LIB"

if [ "${BENCH_NO_SOAK:-0}" = 1 ]; then echo "skipped with --no-soak" >"$BENCH_SUITE_DIR/skipped.txt"; exit 3; fi
DURATION=${BENCH_SOAK_SECONDS:-600}
[ "$DURATION" -ge 10 ] || die "the soak needs at least 10 s"
WINDOW=${BENCH_SOAK_WINDOW:-$([ "$DURATION" -ge 300 ] && echo 60 || echo $(( DURATION / 6 > 10 ? DURATION / 6 : 10 )))}
clean=$(bench_value pager cpm_clean_rate)
if [ -n "${BENCH_SOAK_RATE:-}" ]; then
    RATE=$BENCH_SOAK_RATE; rate_note="set with --soak-rate"
elif [ -n "$clean" ] && [ "$clean" -ge 2 ]; then
    RATE=$((clean / 2)); rate_note="half of the cpm clean rate of the pager suite in this run ($clean/s)"
else
    RATE=$([ "$BENCH_QUICK" = 1 ] && echo 50 || echo 250); rate_note="default: the pager suite found no cpm clean rate in this run"
fi
CALLS=$((RATE * DURATION))
SAMPLER_PID=""
cleanup() { stop_pid "$SAMPLER_PID" 2; stop_pid "$UAS_PID" 5; stop_cpm; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

start_cpm server "$BENCH_WORK/data"
log "server ready after $CPM_READY_S s (JVM pid $CPM_JAVA_PID); soak at $RATE/s for $DURATION s ($rate_note), windows of $WINDOW s"
provision alice bob

dir=$BENCH_WORK/sipp
mkdir -p "$dir"
bob_device "$dir"
cp "$BENCH_DIR/sipp/cpm-uac.xml" "$dir/"

# warm-up, not measured: a cold JVM (JIT, pools) at the soak rate sheds load for its first minute
WARMUP_SECONDS=${BENCH_SOAK_WARMUP_SECONDS:-30}
WARMUP_RATE=$((RATE / 2 > 0 ? RATE / 2 : 1))
if [ "$WARMUP_SECONDS" -gt 0 ]; then
    log "warm-up at $WARMUP_RATE/s for $WARMUP_SECONDS s (not measured)"
    mkdir -p "$dir/warmup" && cp "$dir/cpm-uac.xml" "$dir/warmup/"
    (cd "$dir/warmup" && sipp "127.0.0.1:$BENCH_SIP_PORT" -sf cpm-uac.xml -t u1 -i 127.0.0.1 -p "$BENCH_CPM_UAC_PORT" -s bob \
        -key domain localhost -key from_user alice -key run "soakwarmup$(date -u +%Y%m%d%H%M%S)" -au alice -ap alice-password \
        -m $((WARMUP_RATE * WARMUP_SECONDS)) -r "$WARMUP_RATE" -recv_timeout 10000 \
        -timeout $((WARMUP_SECONDS * 3 + 60))s -timer_resol 1 -buff_size 2097152 -nostdin >uac.out 2>&1) || true
    sleep 5
fi
# the JVM's RSS (MB) and CPU ticks every 5 s: "seconds-since-start rss_mb ticks"
CLK_TCK=$(getconf CLK_TCK)
t0=$(now)
(
    while kill -0 "$CPM_JAVA_PID" 2>/dev/null; do
        stat=$(cat "/proc/$CPM_JAVA_PID/stat" 2>/dev/null) || break
        stat=${stat##*) }
        echo "$(elapsed "$t0") $(rss_mb_of "$CPM_JAVA_PID") $(awk '{print $12 + $13}' <<<"$stat")"
        sleep 5
    done
) >"$BENCH_WORK/samples.txt" &
SAMPLER_PID=$!
rc=0
(cd "$dir" && sipp "127.0.0.1:$BENCH_SIP_PORT" -sf cpm-uac.xml -t u1 -i 127.0.0.1 -p "$BENCH_CPM_UAC_PORT" -s bob \
    -key domain localhost -key from_user alice -key run "soak$(date -u +%Y%m%d%H%M%S)" -au alice -ap alice-password \
    -m "$CALLS" -r "$RATE" -l $((RATE * 10 > 1000 ? RATE * 10 : 1000)) -recv_timeout 10000 \
    -timeout $((DURATION * 2 + 120))s -timeout_error -timer_resol 1 -buff_size 2097152 -nostdin \
    -trace_stat -fd "$WINDOW" -trace_rtt -rtt_freq 200 -trace_err >uac.out 2>&1) || rc=$?
sleep 5
stop_pid "$SAMPLER_PID" 2; SAMPLER_PID=""
stop_pid "$UAS_PID" 5; UAS_PID=""
stop_cpm

stats=$(ls "$dir"/cpm-uac_*_.csv 2>/dev/null | head -1 || true)
rtt=$(ls "$dir"/cpm-uac_*_rtt.csv 2>/dev/null | head -1 || true)
[ -n "$stats" ] && [ -n "$rtt" ] || die "sipp left no statistics (exit $rc); see $dir/uac.out"
read -r ok failed created < <(awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next} {l = $0}
    END {split(l, v, ";"); print v[c["SuccessfulCall(C)"]] + 0, v[c["FailedCall(C)"]] + 0, v[c["TotalCallCreated"]] + 0}' "$stats")
codes=$( { grep -ho "Aborting call on unexpected message.*received 'SIP/2.0 [0-9][0-9][0-9]" "$dir"/*_errors.log 2>/dev/null || true; } \
    | awk '{c[substr($NF, 1, 3)]++} END {for (k in c) printf "%s%s:%d", (n++ ? " " : ""), k, c[k]}')

# failures per window: FailedCall(C) at each periodic line, by its ElapsedTime(C) (hh:mm:ss:usec)
awk -F';' -v w="$WINDOW" 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next}
    { split($c["ElapsedTime(C)"], t, ":"); s = t[1] * 3600 + t[2] * 60 + t[3]; k = int((s - 0.5) / w); if (k < 0) k = 0
      f[k] = $c["FailedCall(C)"] + 0; if (k > m) m = k }
    END { prev = 0; for (k = 0; k <= m; k++) { if (!(k in f)) f[k] = prev; print k, f[k] - prev; prev = f[k] } }' "$stats" >"$BENCH_WORK/failed-per-window.txt"
# latency per window (rtd 1: the authenticated MESSAGE -> 200), by the response's time since sipp started
awk -F';' -v w="$WINDOW" 'NR > 1 && $3 == 1 {print int($1 / 1000 / w), $2}' "$rtt" | sort -k1,1n -k2,2n | awk '
    {v[$1, ++n[$1]] = $2; if (!($1 in seen)) {seen[$1] = 1; order[++m] = $1}}
    function q(k, p,  i) {i = int(p * n[k] + 0.999999); return v[k, i < 1 ? 1 : i]}
    END {for (j = 1; j <= m; j++) {k = order[j]; print k, n[k], q(k, 0.5), q(k, 0.99), q(k, 1)}}' >"$BENCH_WORK/latency-per-window.txt"
# RSS (max) and CPU (% of one core) per window, from the 5 s samples
awk -v w="$WINDOW" -v hz="$CLK_TCK" '{k = int($1 / w); if ($2 > r[k]) r[k] = $2
        if (!(k in t0)) {t0[k] = $3; s0[k] = $1}; t1[k] = $3; s1[k] = $1; if (k > m) m = k}
    END {for (k = 0; k <= m; k++) if (k in r) printf "%d %d %.0f\n", k, r[k], (s1[k] > s0[k]) ? (t1[k] - t0[k]) / hz / (s1[k] - s0[k]) * 100 : 0}' \
    "$BENCH_WORK/samples.txt" >"$BENCH_WORK/rss-per-window.txt"

WINDOWS_CSV=$BENCH_SUITE_DIR/windows.csv
echo "window_start_s,calls_answered_200,failed,p50_ms,p99_ms,max_ms,rss_max_mb,jvm_cpu_pct" >"$WINDOWS_CSV"
nwin=$(( (DURATION + WINDOW - 1) / WINDOW ))
awk -v w="$WINDOW" -v n="$nwin" '
    FILENAME == ARGV[1] {lat[$1] = $2 "," $3 "," $4 "," $5; next}
    FILENAME == ARGV[2] {fail[$1] = $2; next}
    {rss[$1] = $2 "," $3}
    END {for (k = 0; k < n; k++) printf "%d,%s,%d,%s,%s\n", k * w, (k in lat) ? substr(lat[k], 1, index(lat[k], ",") - 1) : 0,
            fail[k] + 0, (k in lat) ? substr(lat[k], index(lat[k], ",") + 1) : "-,-,-", (k in rss) ? rss[k] : "-,-"}' \
    "$BENCH_WORK/latency-per-window.txt" "$BENCH_WORK/failed-per-window.txt" "$BENCH_WORK/rss-per-window.txt" >>"$WINDOWS_CSV"

# ----- verdict -----
base=$([ "$nwin" -ge 3 ] && echo 2 || echo 1)     # line numbers in windows.csv after the header
row() { awk -F, -v k="$1" 'NR == k + 1' "$WINDOWS_CSV"; }
IFS=, read -r _ _ _ _ base_p99 _ base_rss _ <<<"$(row "$base")"
IFS=, read -r _ _ _ _ last_p99 _ last_rss _ <<<"$(row "$nwin")"
IFS=, read -r _ _ _ _ first_p99 _ first_rss _ <<<"$(row 1)"
reasons=()
[ "$failed" -eq 0 ] && [ "$ok" -eq "$CALLS" ] || reasons+=("$failed failed, $ok of $CALLS answered 200${codes:+ ($codes)}")
awk -v l="$last_rss" -v b="$base_rss" 'BEGIN {exit !(l + 0 > 0 && b + 0 > 0 && l <= b * 1.10)}' \
    || reasons+=("RSS ${base_rss} -> ${last_rss} MB (> +10 %)")
# median_p99 FROM TO: the median of the p99 column of windows FROM..TO (rows of windows.csv)
median_p99() {
    awk -F, -v a="$1" -v b="$2" 'NR > 1 && NR - 1 >= a && NR - 1 <= b && $5 != "-" {print $5}' "$WINDOWS_CSV" | sort -n \
        | awk '{v[++n] = $1} END {if (!n) print "-"; else print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2}'
}
third=$(( nwin / 3 > 0 ? nwin / 3 : 1 ))
early_p99=$(median_p99 "$base" $(( base + third - 1 )))
late_p99=$(median_p99 $(( nwin - third + 1 )) "$nwin")
awk -v l="$late_p99" -v b="$early_p99" 'BEGIN {m = (2 * b > b + 10) ? 2 * b : b + 10; exit !(l != "-" && b != "-" && l <= m)}' \
    || reasons+=("median p99 of the first $third windows from window $base ${early_p99} ms -> of the last $third ${late_p99} ms")
if [ "${#reasons[@]}" -eq 0 ]; then verdict=flat; why="zero failures; last window vs window $base: RSS $base_rss -> $last_rss MB; median p99 $early_p99 -> $late_p99 ms (per window: $(awk -F, 'NR > 1 {printf "%s%s", (NR > 2 ? " " : ""), $5}' "$WINDOWS_CSV") ms)"
else verdict="not flat"; why=$(IFS=';'; echo "${reasons[*]}" | sed 's/;/; /g'); fi
read -r p50 p99 < <(awk -F';' 'NR > 1 && $3 == 1 {print $2}' "$rtt" | sort -n | awk '{v[++n] = $1}
    function q(p,  i) {if (!n) return "-"; i = int(p * n + 0.999999); return v[i < 1 ? 1 : i]} END {print q(0.5), q(0.99)}')
slope=$(awk -v from=$(( (base - 1) * WINDOW )) '$1 >= from {n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2}
    END {d = n * sxx - sx * sx; printf "%.1f", (n > 2 && d != 0) ? (n * sxy - sx * sy) / d * 60 : 0}' "$BENCH_WORK/samples.txt")
rss_max=$(awk '$2 > m {m = $2} END {print m + 0}' "$BENCH_WORK/samples.txt")
log "soak: $ok ok, $failed failed; p50/p99 $p50/$p99 ms; RSS $first_rss -> $last_rss MB (max $rss_max); $verdict"

bench_row soak_rate "$RATE" "msg/s" "$rate_note"
bench_row soak_duration "$DURATION" s "windows of $WINDOW s; $CALLS calls offered"
bench_row soak_failed_calls "$failed" calls "$ok answered 200 of $CALLS offered${codes:+; $codes}"
bench_row soak_p50 "$p50" ms "whole soak, authenticated MESSAGE -> 200"
bench_row soak_p99 "$p99" ms "whole soak; first window $first_p99 ms, window $base $base_p99 ms, last window $last_p99 ms"
bench_row soak_rss_last_window "$last_rss" MB "max JVM VmRSS in the last window; first window $first_rss MB, window $base $base_rss MB, max $rss_max MB"
bench_row soak_rss_slope "$slope" "MB/min" "least-squares slope of the 5 s RSS samples from window $base on (informational)"
bench_row soak_verdict "$verdict" "-" "$why"

if command -v gnuplot >/dev/null && [ -s "$BENCH_WORK/samples.txt" ]; then
    awk -F, -v w="$WINDOW" 'NR > 1 && $5 != "-" {printf "%.3f %s %s\n", ($1 + w / 2) / 60, $4, $5}' "$WINDOWS_CSV" >"$BENCH_WORK/plot-latency.dat"
    gnuplot >"$BENCH_WORK/gnuplot.out" 2>&1 <<GP || log "gnuplot failed; see $BENCH_WORK/gnuplot.out"
set terminal pngcairo size 1000,500 font ',10'
set output '$BENCH_SUITE_DIR/soak.png'
set title "Soak at $RATE msg/s for $DURATION s: server RSS and latency over time ($verdict)"
set grid
set xlabel 'minutes since the soak started'
set ylabel 'JVM resident memory (MB)'
set y2label 'latency per window (ms)'
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set key bottom right
plot '$BENCH_WORK/samples.txt' using (\$1 / 60):2 with lines lw 2 lc rgb '#1f77b4' title 'RSS (every 5 s)', \
     '$BENCH_WORK/plot-latency.dat' using 1:3 axes x1y2 with linespoints lw 2 pt 7 lc rgb '#d62728' title 'p99', \
     '$BENCH_WORK/plot-latency.dat' using 1:2 axes x1y2 with linespoints lw 1 pt 6 lc rgb '#ff7f0e' title 'p50'
GP
fi
{
    echo "![RSS and latency over the soak](./soak.png)"
    echo
    echo "Standalone pager traffic (digest, \`bench/sipp/cpm-uac.xml\`) at $RATE msg/s ($rate_note) for $DURATION s."
    echo "Verdict **$verdict**: $why. Rule: zero failures; RSS of the last window ≤ 1.10 × the baseline window's;"
    echo "p99 of the last window ≤ max(2 × baseline p99, baseline p99 + 10 ms); baseline = window 2 (window 1 when fewer than 3)."
    echo
    echo "| window from s | answered 200 | failed | p50 ms | p99 ms | max ms | RSS max MB | JVM CPU % |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F, 'NR > 1 {printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$WINDOWS_CSV"
} >"$BENCH_SUITE_DIR/section.md"
