#!/usr/bin/env bash
# resident memory: idle and loaded, gathered from the suites that ran before it in this run
#
# Measures nothing itself: it collects the JVM's VmRSS that the other suites recorded, so that
# the table has one place for memory. Idle: startup (30 s after ready, no traffic). Loaded: pager
# (max during the highest clean step of the cpm leg, and over every step), deferred-drain (with N
# messages stored, and max during the drain) and soak (last window, and max). The heap is set in jvm.options.
set -euo pipefail
. "$BENCH_LIB"

n=0
copy() { # suite metric new-name note
    local v; v=$(bench_value "$1" "$2")
    [ -n "$v" ] || return 0
    bench_row "$3" "$v" MB "$4 (from $1.$2)"
    n=$((n + 1))
}
copy startup idle_rss idle_rss "no traffic, 30 s after ready"
copy pager cpm_rss_at_clean_rate loaded_rss_pager_clean_rate "pager traffic at the highest clean rate of the cpm leg"
copy pager cpm_max_rss loaded_rss_pager_max "max over every pager step, both CPM legs, overload included"
copy deferred-drain rss_after_store loaded_rss_deferred_stored "messages waiting in the deferred store"
copy deferred-drain rss_max_during_drain loaded_rss_deferred_drain "max while the store drained"
copy soak soak_rss_last_window loaded_rss_soak_end "last window of the soak"
if [ "$n" = 0 ]; then
    echo "no other suite recorded memory in this run (run it with startup, pager, deferred-drain or soak)" >"$BENCH_SUITE_DIR/skipped.txt"
    exit 3
fi
{
    echo "VmRSS of the server's JVM (\`$(jvm_options)\`), as recorded by the suites named in each row:"
    echo "heap actually in use plus metaspace, code cache, thread stacks and the embedded broker's buffers."
} >"$BENCH_SUITE_DIR/section.md"
