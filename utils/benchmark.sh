#!/usr/bin/env bash
# Benchmark (not a test): cost of simulating the paper's fabric as it grows, for Homa and
# for TCP on the same traffic. Runs homa-datacenter with a workload (W3 by default) at 80 %
# load for a fixed simulated time (messages arrive throughout; the run stops at its end,
# unfinished messages and all) on 16, 64 and 144 hosts, once per transport, and prints per
# run: simulated milliseconds, wall seconds per simulated millisecond, simulator events per
# wall second, data packets delivered per wall second, peak memory, and the messages
# delivered by the end. Re-run it to compare builds; the figures depend on the machine.
#
#   utils/benchmark.sh [simulated-seconds (0.002)] [workload (W3)] [transports ("homa tcp")]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/utils/setup-ns3.sh" >/dev/null
ns3="$(cat "$here/.ns3-dir")"
bin="$ns3/build/contrib/homa/examples/ns3.37-homa-datacenter-default"
window="${1:-0.002}"
workload="${2:-W3}"
transports="${3:-homa tcp}"

echo "homa-datacenter, workload $workload, load 0.8, $window simulated seconds ($(nproc) cores, $(uname -m))"
printf '%-6s %-9s %-6s %8s %14s %13s %16s %9s %s\n' hosts fabric proto sim_ms wall_s_per_ms events_per_s data_pkts_per_s peak_MiB delivered
for shape in "1 16 1" "4 16 4" "9 16 4"; do
    set -- $shape
    for t in $transports; do
        out=$("$bin" --racks="$1" --hostsPerRack="$2" --spines="$3" --workload="$workload" \
            --load=0.8 --time="$window" --drain=0 --transport="$t" || true)
        hosts=$(($1 * $2))
        sim=$(echo "$out" | sed -n 's/.* s for \([0-9.]*\) simulated ms.*/\1/p')
        per=$(echo "$out" | sed -n 's/.*= \([0-9.]*\) wall s per simulated ms.*/\1/p')
        ev=$(echo "$out" | sed -n 's/.* events, \([0-9]*\) events per wall second.*/\1/p')
        pk=$(echo "$out" | sed -n 's/.*, \([0-9]*\) data packets delivered per wall second.*/\1/p')
        mem=$(echo "$out" | sed -n 's/.*peak memory \([0-9]*\) MiB.*/\1/p')
        msgs=$(echo "$out" | sed -n 's/.*messages \([0-9]*\), delivered \([0-9]*\).*/\2\/\1/p')
        printf '%-6s %-9s %-6s %8s %14s %13s %16s %9s %s\n' "$hosts" "$1x$2/$3" "$t" "$sim" "$per" "$ev" "$pk" "$mem" "$msgs"
    done
done
