#!/bin/bash
# Make doc/data/unsched-rtt/ from a built ns-3 tree: Homa on the paper's 144-host fabric with
# spine links 2 us long (round trips: about 6 us within a rack, 14.6 us across the spines,
# 7.5 and 18.3 kB at 10 Gbps), W3 at 50 %, 10 ms of arrivals, with one global UnschedBytes
# sized for the rack (7500), one sized for the spines (18300), per peer by a table (7500 to
# the sender's own rack, 18300 to the others: --unschedRack) and per peer from each peer's
# measured round trip (UnschedBytesFromRtt, 18300 until measured). Window 18300 in all.
# Each switch has one 100 MB buffer (nothing refused) so that its fullest moment is reported.
# Per run: the report (.txt) and p50/p99 slowdown by path and size (-classes.csv);
# utils/make-results.py turns them into doc/results/unsched-rtt.rst.
#
#   utils/unsched-rtt-data.sh NS3_DIR        (a few minutes in the default build)
set -euo pipefail
ns3=${1:?usage: utils/unsched-rtt-data.sh NS3_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/doc/data/unsched-rtt"
bin=$(ls "$ns3"/build/contrib/homa/examples/*homa-datacenter* 2>/dev/null | head -1)
[ -x "$bin" ] || { echo "unsched-rtt-data: no homa-datacenter in $ns3 (build the tree)"; exit 1; }
mkdir -p "$out"
homa=--ns3::HomaL4Protocol
common=(--workload=W3 --load=0.5 --time=0.01 --drain=0.05 --fabricDelay=2us
        --switchBuffer=100000000 --progress=false "$homa::Window=18300")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Each run's messages (too many to keep) reduced to p50/p99 slowdown per class: within a
# rack or across the spines, by size against the two unscheduled allowances.
run() {
    local name=$1
    shift
    "$bin" "${common[@]}" --summary=none --csv="$tmp/$name.csv" "$@" >"$out/$name.txt"
    python3 "$root/utils/size-classes.py" "$tmp/$name.csv" 7500 18300 --rack 16 \
        >"$out/$name-classes.csv"
    echo "unsched-rtt-data: $name"
}
run global-rack "$homa::UnschedBytes=7500"
run global-spine "$homa::UnschedBytes=18300"
run per-peer-table "$homa::UnschedBytes=18300" --unschedRack=7500
run per-peer-rtt "$homa::UnschedBytes=18300" "$homa::UnschedBytesFromRtt=true"
echo "unsched-rtt-data: wrote $(cd "$out" && ls | tr '\n' ' ')in doc/data/unsched-rtt"
