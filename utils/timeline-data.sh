#!/bin/bash
# Make doc/data/timeline/ from a built ns-3 tree: the receiver's downlink over time
# (DownlinkTimeline) in homa-incast's default run (Homa and TCP, --timeline), and on the
# paper's 144-host fabric at W4 80 % (homa-datacenter --paper, the busiest receiver from 8 to
# 12 ms, Homa, then TCP drawn beside it). utils/make-results.py turns them into
# doc/results/timeline.rst, doc/figures/homa-incast-timeline.png and
# doc/figures/w4-tcp.png.
#
#   utils/timeline-data.sh NS3_DIR        (75 s in the default profile, measured)
set -euo pipefail
ns3=${1:?usage: utils/timeline-data.sh NS3_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/doc/data/timeline"
examples="$ns3/build/contrib/homa/examples"
incast=$(ls "$examples"/*homa-incast* 2>/dev/null | head -1)
datacenter=$(ls "$examples"/*homa-datacenter* 2>/dev/null | head -1)
[ -x "$incast" ] && [ -x "$datacenter" ] ||
    { echo "timeline-data: no homa-incast or homa-datacenter in $ns3 (build the tree)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out/incast" "$out/w4"
mkdir -p "$out/incast" "$out/w4"

(cd "$tmp" && "$incast" --progress=false --timeline --csv=none --plot=none) >"$out/incast/report.txt"
cp "$tmp"/homa-incast-timeline-*.csv "$tmp/homa-incast-timeline.plt" "$out/incast/"

# The arrivals stop at 12 ms and so does the run (--drain=0): messages still under way then
# make homa-datacenter exit with 1, which is expected here.
# --paper as it was when doc/data/timeline/w4 was made: NICs by level, 2 us of NIC backlog.
w4=(--paper --nicOrder=level --nicBacklog=2 --workload=W4 --load=0.8 --time=0.012 --drain=0
    --timeline=busiest --timelineStart=8 --timelineLength=4 --timelinePrefix=w4)
allow_unfinished() { "$@" || [ $? -eq 1 ]; }
(cd "$tmp" && allow_unfinished "$datacenter" "${w4[@]}" --transport=homa) >"$out/w4/homa.txt"
(cd "$tmp" && allow_unfinished "$datacenter" "${w4[@]}" --transport=tcp \
    --timelineBeside=homa:w4-homa) >"$out/w4/tcp.txt"
cp "$tmp"/w4-homa-*.csv "$tmp"/w4-tcp-*.csv "$tmp/w4-tcp.plt" "$out/w4/"
echo "timeline-data: wrote $(cd "$out" && find . -type f | sort | tr '\n' ' ')"
