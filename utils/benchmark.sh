#!/usr/bin/env bash
# Benchmark (not a test): cost of simulating Homa on the paper's fabric as it grows.
# Runs homa-datacenter with workload W3 at 80 % load for a fixed window of request
# arrivals on 16, 64 and 144 hosts and prints, per size: wall seconds per simulated
# millisecond, simulator events per wall second, DATA packets delivered per wall second
# and peak memory. Re-run it to compare builds; the figures depend on the machine.
#
#   utils/benchmark.sh [arrival-window-seconds (default 0.001)] [workload (default W3)]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/utils/setup-ns3.sh" >/dev/null
ns3="$(cat "$here/.ns3-dir")"
bin="$ns3/build/contrib/homa/examples/ns3.37-homa-datacenter-default"
window="${1:-0.001}"
workload="${2:-W3}"

printf '%-6s %-10s %10s %14s %16s %18s %10s %s\n' hosts fabric sim_ms wall_s_per_ms events_per_s data_pkts_per_s peak_MiB rpcs
for shape in "1 16 1" "4 16 4" "9 16 4"; do
    set -- $shape
    out=$("$bin" --racks="$1" --hostsPerRack="$2" --spines="$3" --workload="$workload" \
        --load=0.8 --time="$window" --drain=0.2)
    hosts=$(( $1 * $2 ))
    sim=$(echo "$out" | sed -n 's/.* s for \([0-9.]*\) simulated ms.*/\1/p')
    per=$(echo "$out" | sed -n 's/.*= \([0-9.]*\) wall s per simulated ms.*/\1/p')
    ev=$(echo "$out" | sed -n 's/.* events, \([0-9]*\) events per wall second.*/\1/p')
    pk=$(echo "$out" | sed -n 's/.*, \([0-9]*\) DATA packets delivered per wall second.*/\1/p')
    mem=$(echo "$out" | sed -n 's/.*peak memory \([0-9]*\) MiB.*/\1/p')
    rpcs=$(echo "$out" | sed -n 's/.*RPCs sent \([0-9]*\), completed \([0-9]*\).*/\2\/\1/p')
    printf '%-6s %-10s %10s %14s %16s %18s %10s %s\n' "$hosts" "$1x$2/$3" "$sim" "$per" "$ev" "$pk" "$mem" "$rpcs"
done
