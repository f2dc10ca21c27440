#!/bin/bash
# Make doc/data/nic-order/ from a built ns-3 tree: W5 at 80 % on the 144-host fabric under
# --paper, 30 ms of arrivals, with the pacer's 2 us of NIC backlog and the host NICs serving
# DATA by level (--paper before 2026-12-05) and in Homa's order (--paper now has no NIC
# backlog: doc/results/nic-order.rst), every packet of the 9,329-30,000-byte messages
# traced (homa-datacenter --traceLengths) and told apart by utils/message-trace.py: where the
# packet that ended each slow message spent its time. Keeps the reports, the p50/p99 per size
# class and message-trace.py's summaries (the traces themselves are ~1 MB each, not kept).
#
#   utils/nic-trace-data.sh NS3_DIR        (about 2 minutes in the default build)
set -euo pipefail
ns3=${1:?usage: utils/nic-trace-data.sh NS3_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/doc/data/nic-order"
bin=$(ls "$ns3"/build/contrib/homa/examples/*homa-datacenter* 2>/dev/null | head -1)
[ -x "$bin" ] || { echo "nic-trace-data: no homa-datacenter in $ns3 (build the tree)"; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {
    local order=$1
    "$bin" --workload=W5 --load=0.8 --time=0.03 --drain=0.01 --paper=true --nicOrder="$order" \
        --nicBacklog=2 \
        --progress=false --summary=none --ranges=none --csv="$tmp/$order.csv" \
        --traceLengths=9329:30000 --traceFile="$tmp/$order-trace.csv" >"$out/$order.txt" ||
        [ $? -eq 1 ]
    python3 "$root/utils/message-trace.py" "$tmp/$order-trace.csv" --top 10 \
        >"$out/$order-trace.txt"
    python3 "$root/utils/size-classes.py" "$tmp/$order.csv" 9328 30000 300000 3000000 \
        >"$out/$order-classes.csv"
}
run level &
run homa &
wait
echo "nic-trace-data: wrote $(cd "$out" && ls | tr '\n' ' ')in doc/data/nic-order"
