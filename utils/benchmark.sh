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
bin=$(ls "$ns3"/build/contrib/homa/examples/ns3*-homa-datacenter-default | head -n1)
window="${1:-0.002}"
workload="${2:-W3}"
transports="${3:-homa tcp}"

echo "homa-datacenter, workload $workload, load 0.8, $window simulated seconds ($(nproc) cores, $(uname -m))"
printf '%-6s %-9s %-6s %8s %14s %13s %16s %9s %s\n' hosts fabric proto sim_ms wall_s_per_ms events_per_s data_pkts_per_s peak_MiB delivered
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for shape in "1 16 1" "4 16 4" "9 16 4"; do
    set -- $shape
    for t in $transports; do
        # The run's cost comes from its --cost CSV, not from the printed text.
        "$bin" --racks="$1" --hostsPerRack="$2" --spines="$3" --workload="$workload" \
            --load=0.8 --time="$window" --drain=0 --transport="$t" --cost="$tmp/cost.csv" \
            >/dev/null || true
        python3 - "$tmp/cost.csv" "$1x$2/$3" <<'PY'
import csv, sys
r = next(csv.DictReader(open(sys.argv[1])))
print('%-6s %-9s %-6s %8.3f %14.3f %13s %16s %9s %s/%s' % (
    r['hosts'], sys.argv[2], r['transport'], float(r['simulated_ms']),
    float(r['wall_s_per_simulated_ms']), r['events_per_wall_s'], r['data_packets_per_wall_s'],
    r['peak_mib'], r['delivered'], r['messages']))
PY
        rm -f "$tmp/cost.csv"
    done
done
