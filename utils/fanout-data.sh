#!/bin/bash
# Make doc/data/fanout/ from a built ns-3 tree: homa-fanout (a client's own incast) with
# Homa's incast optimization off and on, in three settings: the default fan-out (255 servers,
# one 10 kB response each, 1000 packets per switch port), the same under switch buffers
# shared by their ports (4 MB per switch, dynamic thresholds), and 512 RPCs outstanding to 16
# servers. Each run's report (.txt) and per-RPC completion times (-off.csv, -on.csv);
# utils/make-results.py turns them into doc/results/fanout.rst and doc/figures/homa-fanout.png.
#
#   utils/fanout-data.sh NS3_DIR        (about a minute in the default build)
set -euo pipefail
ns3=${1:?usage: utils/fanout-data.sh NS3_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/doc/data/fanout"
bin=$(ls "$ns3"/build/contrib/homa/examples/*homa-fanout* 2>/dev/null | head -1)
[ -x "$bin" ] || { echo "fanout-data: no homa-fanout in $ns3 (build the tree)"; exit 1; }
mkdir -p "$out"
run() {
    local name=$1
    shift
    "$bin" --csv="$out/$name" --plot=none "$@" >"$out/$name.txt"
    echo "fanout-data: $name"
}
run fanout-255
run fanout-255-shared --switchBuffer=4000000
run outstanding-512 --servers=16 --perServer=32
echo "fanout-data: wrote $(cd "$out" && ls | tr '\n' ' ')in doc/data/fanout"
