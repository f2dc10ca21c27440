#!/bin/bash
# Make doc/data/faults/ from a built ns-3 tree: homa-datacenter's 144-host fabric (9 racks of
# 16, 4 spines) under W3 at 50 % load for 20 ms, Homa and TCP, with no fault, with the ToR 0 -
# spine 0 link down from 5 to 15 ms, with all of spine 0 down then, and with the link down and
# a 50 ms detection time. Per run: its report (NAME.txt), the bytes delivered per 0.5 ms
# (NAME-bins.csv) and the slowdowns of the messages that started before, during and after the
# fault (NAME-phases.csv). utils/make-results.py turns them into doc/results/faults.rst and
# doc/figures/faults.png.
#
#   utils/fault-data.sh NS3_DIR [RUN...]   (13 minutes in the default profile on 2 cores; RUN names
#                                            one of the runs below to redo only it)
set -euo pipefail
ns3=${1:?usage: utils/fault-data.sh NS3_DIR [RUN...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/doc/data/faults"
bin=$(ls "$ns3"/build/contrib/homa/examples/*homa-datacenter* 2>/dev/null | head -1)
[ -x "$bin" ] || { echo "fault-data: no homa-datacenter in $ns3 (build the tree)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
common=(--workload=W3 --load=0.5 --time=0.02 --drain=0.3)
declare -A runs=(
    [homa-none]="--transport=homa"
    [homa-link]="--transport=homa --faults=link:0:0:5:15"
    [homa-spine]="--transport=homa --faults=spine:0:5:15"
    [homa-link-slow]="--transport=homa --faults=link:0:0:5:15 --faultDetection=50"
    [tcp-none]="--transport=tcp"
    [tcp-link]="--transport=tcp --faults=link:0:0:5:15"
    [tcp-spine]="--transport=tcp --faults=spine:0:5:15"
    [tcp-link-slow]="--transport=tcp --faults=link:0:0:5:15 --faultDetection=50"
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(homa-none homa-link homa-spine homa-link-slow tcp-none tcp-link
    tcp-spine tcp-link-slow)
for name in "${names[@]}"; do
    [ -n "${runs[$name]+x}" ] || { echo "fault-data: no run '$name'"; exit 1; }
    # shellcheck disable=SC2206
    args=("${common[@]}" ${runs[$name]} --csv="$tmp/$name.csv")
    echo "homa-datacenter ${args[*]/--csv=*/}" >"$out/$name.txt"
    "$bin" "${args[@]}" >>"$out/$name.txt" || true  # unfinished messages exit 1: reported
    # Bytes delivered per 0.5 ms of end time (columns: size_bytes 4, end_us 6).
    awk -F, 'NR > 1 && $6 >= 0 { b = int($6 / 500); bytes[b] += $4; if (b > last) last = b }
        END { print "bin_start_ms,delivered_bytes";
              for (i = 0; i <= last; ++i) printf "%.1f,%d\n", i / 2, bytes[i] + 0 }' \
        "$tmp/$name.csv" >"$out/$name-bins.csv"
    # Slowdown p50/p99 and unfinished messages, by when the message started (start_us 5,
    # slowdown 9): before the fault (< 5 ms), during it (5-15 ms), after it.
    echo "phase,messages,unfinished,p50,p99" >"$out/$name-phases.csv"
    for phase in before:0:5000 during:5000:15000 after:15000:1e12; do
        IFS=: read -r label lo hi <<<"$phase"
        awk -F, -v lo="$lo" -v hi="$hi" 'NR > 1 && $5 >= lo && $5 < hi {
                if ($6 < 0) print "u"; else print $9 }' "$tmp/$name.csv" |
            sort -g | awk -v label="$label" '
                $1 == "u" { ++u; next } { v[++n] = $1 }
                END { p50 = n ? v[int(0.5 * (n - 1)) + 1] : 0; p99 = n ? v[int(0.99 * (n - 1)) + 1] : 0;
                      printf "%s,%d,%d,%.2f,%.2f\n", label, n + u, u, p50, p99 }' \
                >>"$out/$name-phases.csv"
    done
    echo "fault-data: $name done"
done
echo "fault-data: wrote doc/data/faults"
