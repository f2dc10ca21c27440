#!/bin/bash
# Make doc/data/incast/ from a built ns-3 tree: homa-incast's default run (its report, CSV and
# gnuplot script), the same with --learnCutoffs=true, with UnschedWholePackets, without FIFO
# grants and with the most FIFO share the kernel allows (its report and CSV), and the
# DATA packets per priority level and the first packets of its capture, decoded by the
# module's dissector. utils/make-results.py turns them into doc/results/incast.rst and
# doc/figures/homa-incast.png.
#
#   utils/incast-data.sh NS3_DIR        (about 5 s; tshark from the set-up)
set -euo pipefail
ns3=${1:?usage: utils/incast-data.sh NS3_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/doc/data/incast"
bin=$(ls "$ns3"/build/contrib/homa/examples/*homa-incast* 2>/dev/null | head -1)
[ -x "$bin" ] || { echo "incast-data: no homa-incast in $ns3 (build the tree)"; exit 1; }
command -v tshark >/dev/null || { echo "incast-data: tshark is not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
(cd "$tmp" && "$bin" --progress=false --pcap=incast) >"$out/default.txt"
cp "$tmp/homa-incast.csv" "$tmp/homa-incast.plt" "$out/"
(cd "$tmp" && "$bin" --progress=false --transport=homa --learnCutoffs=true --csv=none \
    --plot=none) >"$out/learn-cutoffs.txt"
(cd "$tmp" && "$bin" --progress=false --transport=homa --csv=none --plot=none \
    --ns3::HomaL4Protocol::UnschedWholePackets=true) >"$out/whole-packets.txt"
# FIFO grants (on by default, the kernel's 50 per mille): off, and at the kernel's most (500).
fifo=--ns3::HomaL4Protocol::GrantFifoFraction
(cd "$tmp" && "$bin" --progress=false --transport=homa --csv=none --plot=none "$fifo=0" \
    --ns3::HomaL4Protocol::PacerFifoFraction=0) >"$out/no-fifo.txt"
(cd "$tmp" && "$bin" --progress=false --transport=homa --csv=fifo-500.csv --plot=none \
    "$fifo=500") >"$out/fifo-500.txt"
cp "$tmp/fifo-500.csv" "$out/"
dissect=(tshark -X "lua_script:$root/utils/wireshark/homa.lua" -r "$tmp/incast-homa.pcap")
"${dissect[@]}" -Y "homa.type == 0x10" -T fields -e homa.priority | sort | uniq -c \
    >"$out/levels.txt"
"${dissect[@]}" -c 5 >"$out/first-packets.txt"
echo "incast-data: wrote $(cd "$out" && ls | tr '\n' ' ')in doc/data/incast"
