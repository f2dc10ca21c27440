#!/bin/bash
# Make doc/data/w5-budget/ from a built ns-3 tree: homa-datacenter --paper, W5 at 80 % on the
# 144-host fabric, 200 ms of arrivals, as is and with the receiver-wide budget of incoming
# bytes lifted (MaxIncoming 1e9; the paper's simulator has none, only each granted message's
# window), and lifted with the tail boost's ceiling off too (BoostCeiling false; the
# simulator has no ceiling). Per run the report (.txt) and p50/p99 slowdown by size class
# (-classes.csv); doc/results/w5-budget.rst is written from them by utils/make-results.py.
#
#   utils/w5-budget-data.sh NS3_DIR        (about 22 minutes in the default build)
set -euo pipefail
ns3=${1:?usage: utils/w5-budget-data.sh NS3_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/doc/data/w5-budget"
bin=$(ls "$ns3"/build/contrib/homa/examples/*homa-datacenter* 2>/dev/null | head -1)
[ -x "$bin" ] || { echo "w5-budget-data: no homa-datacenter in $ns3 (build the tree)"; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
homa=--ns3::HomaL4Protocol
run() {
    local name=$1
    shift
    [ -s "$out/$name-classes.csv" ] && { echo "w5-budget-data: $name kept"; return; }
    # Messages still unfinished after the drain make the run exit 1; they are reported and
    # left out of the classes (the largest messages only).
    # --paper as it was when doc/data/w5-budget was made: NICs by level, 2 us of NIC backlog.
    "$bin" --workload=W5 --load=0.8 --time=0.2 --drain=0.05 --paper=true --progress=false \
        --nicOrder=level --nicBacklog=2 \
        --summary=none --csv="$tmp/$name.csv" "$@" >"$out/$name.txt" || [ $? -eq 1 ]
    python3 "$root/utils/size-classes.py" "$tmp/$name.csv" 9328 30000 300000 3000000 \
        >"$out/$name-classes.csv"
    echo "w5-budget-data: $name"
}
# Two runs at a time (two cores).
run paper &
run paper-no-budget "$homa::MaxIncoming=1000000000" &
wait
run paper-no-budget-no-ceiling "$homa::MaxIncoming=1000000000" "$homa::BoostCeiling=false"
echo "w5-budget-data: wrote $(cd "$out" && ls | tr '\n' ' ')in doc/data/w5-budget"
