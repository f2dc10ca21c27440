#!/usr/bin/env bash
# Benchmark (not a test): the cost of simulating the paper's fabric as it grows, for Homa,
# for TCP and for plain UDP (the floor: datagrams with no transport above them) on the same
# fabric, the same messages and the same build. Runs homa-datacenter with a workload at 80 %
# load for a fixed window of arrivals (the run stops at its end, unfinished messages and all)
# on 16, 64, 144 and 576 hosts, once per transport, and prints one CSV line per run:
#
#   hosts,workload,load,transport,switches,profile,simulated_ms,wall_s,events_per_s,
#   data_packets_per_s,wall_us_per_data_packet,peak_mib,messages,delivered,ranks,malloc,
#   link_packets_per_data_packet,wall_ns_per_link_packet,links,switch_buffer
#
# data packets are the ones delivered to hosts (Homa DATA, TCP segments with payload, UDP
# datagrams); wall_us_per_data_packet is wall time over them. Link packets are packets of
# every kind (data, grants, acks) put on a link, counted once per hop: the fabric's unit of
# work. A 16-host fabric is one rack (two links from host to host), the larger ones cross a
# spine (four links) for all but the rack's own traffic, so wall_ns_per_link_packet is the
# figure that compares the cost of the same work as the fabric grows. The figures depend on the
# machine and on the build profile, which every line states.
#
#   utils/benchmark.sh                     (what `make bench` runs, in the release tree)
#
# Environment (all optional):
#   BENCH_NS3        the ns-3 tree (default: the release tree of `make bench` if it exists,
#                    else the test tree)
#   BENCH_WINDOW     seconds of arrivals (0.005)
#   BENCH_SAME_WORK  1: every fabric size gets the arrivals that BENCH_WINDOW gives 576 hosts
#                    (window x 576 / hosts: 16 hosts 36 times longer), so that each run
#                    simulates about as many packets and as many messages at once, and the
#                    cost per packet compares fabrics at a similar steady state rather than
#                    the start-up of a short run (0)
#   BENCH_WORKLOAD   W1..W5 (W5)
#   BENCH_TRANSPORTS ("homa tcp udp")
#   BENCH_HOSTS      fabric sizes among 16 64 144 576 ("16 64 144 576")
#   BENCH_SWITCHES   fast or ip (fast)
#   BENCH_LINKS      fabric (FabricNetDevice) or p2p (ns-3's PointToPointNetDevice)
#                    (fabric)
#   BENCH_REPEAT     runs per line (1), made as that many passes over every size and
#                    transport; the line is the run BENCH_PICK chooses (the machine's noise
#                    shows between runs, whose wall times go to stderr)
#   BENCH_PICK       median or min: which of the BENCH_REPEAT runs a line reports (median);
#                    on a shared machine noise only ever adds time, so the fastest run is
#                    the estimate of the simulator's own cost least disturbed by it
#   BENCH_BUFFERS    switch buffers, one run each: 0 (every port its own, the default) or
#                    BYTES shared by each switch's ports (--switchBuffer, dynamic
#                    thresholds), e.g. "0 12000000" for the shared buffer's cost; column
#                    switch_buffer
#   BENCH_CSV        also append the CSV lines to this file
#   BENCH_RANKS      MPI ranks per run ("1"; e.g. "1 2"): more than 1 runs under mpirun
#                    (ns-3's mpi module; at most one rank per rack, so not for 16 hosts);
#                    peak_mib is then the largest rank's
#   BENCH_MALLOC     the allocator: tcmalloc (the default when installed: the set-up of the
#                    release tree installs it), system (glibc), jemalloc or mimalloc
#                    (Debian's libtcmalloc-minimal4, libjemalloc2, libmimalloc2.0, preloaded
#                    with LD_PRELOAD; the simulation and its results are the same), or the
#                    path of a shared library; column malloc
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${BENCH_NS3:-}" ]; then
    ns3="$BENCH_NS3"
elif [ -f "$here/.ns3-dir-release" ]; then
    ns3="$(cat "$here/.ns3-dir-release")"
else
    "$here/utils/setup-ns3.sh" >/dev/null
    ns3="$(cat "$here/.ns3-dir")"
fi
bin=$(ls "$ns3"/build/contrib/homa/examples/ns3*-homa-datacenter* | head -n1)
[ -x "$bin" ] || { echo "benchmark: no homa-datacenter in $ns3" >&2; exit 1; }
window="${BENCH_WINDOW:-0.005}"
same_work="${BENCH_SAME_WORK:-0}"
workload="${BENCH_WORKLOAD:-W5}"
transports="${BENCH_TRANSPORTS:-homa tcp udp}"
sizes="${BENCH_HOSTS:-16 64 144 576}"
switches="${BENCH_SWITCHES:-fast}"
links="${BENCH_LINKS:-fabric}"
repeat="${BENCH_REPEAT:-1}"
case "${BENCH_PICK:=median}" in
median | min) export BENCH_PICK ;;
*) echo "benchmark: BENCH_PICK must be median or min, not '$BENCH_PICK'" >&2; exit 1 ;;
esac
ranks_list="${BENCH_RANKS:-1}"
buffers="${BENCH_BUFFERS:-0}"
if [ -z "${BENCH_MALLOC:-}" ]; then
    if ldconfig -p | grep 'libtcmalloc_minimal.so.4 ' >/dev/null; then
        BENCH_MALLOC=tcmalloc
    else
        BENCH_MALLOC=system
        echo "# tcmalloc (libtcmalloc-minimal4) is not installed: glibc's malloc" >&2
    fi
fi
malloc="$BENCH_MALLOC"
preload=""
case "$malloc" in
system) ;;
jemalloc | tcmalloc | mimalloc)
    lib=$(case "$malloc" in jemalloc) echo libjemalloc.so.2 ;; tcmalloc) echo libtcmalloc_minimal.so.4 ;;
        mimalloc) echo libmimalloc.so.2 ;; esac)
    preload=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found { print $NF; found = 1 }')
    [ -n "$preload" ] || { echo "benchmark: $lib not installed (apt install the package named above)" >&2; exit 1; }
    ;;
*)
    [ -f "$malloc" ] || { echo "benchmark: BENCH_MALLOC=$malloc: no such library" >&2; exit 1; }
    preload="$malloc"
    ;;
esac
# Open MPI refuses root unless told.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

echo "# homa-datacenter benchmark: $workload at 80 % load, $window s of arrivals$([ "$same_work" = 1 ] && echo " at 576 hosts (x 576 / hosts below)"), $switches switches, $links links;" \
    "each line the $BENCH_PICK of $repeat run(s);" \
    "$(nproc) cores, $(uname -m); $bin" >&2
header="hosts,workload,load,transport,switches,profile,simulated_ms,wall_s,events_per_s,data_packets_per_s,wall_us_per_data_packet,peak_mib,messages,delivered,ranks,malloc,link_packets_per_data_packet,wall_ns_per_link_packet,links,switch_buffer"
echo "$header"
if [ -n "${BENCH_CSV:-}" ] && [ ! -s "$BENCH_CSV" ]; then echo "$header" >"$BENCH_CSV"; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# BENCH_REPEAT passes over every size and transport (not runs back to back: a slow spell of
# the machine then spreads over the sizes); a line is printed as its last run ends.
for k in $(seq "$repeat"); do
for hosts in $sizes; do
    case "$hosts" in
    16) shape="1 16 1" ;;
    64) shape="4 16 4" ;;
    144) shape="9 16 4" ;;
    576) shape="36 16 4" ;;
    *) echo "benchmark: hosts must be 16, 64, 144 or 576" >&2; exit 1 ;;
    esac
    set -- $shape
    run_window=$window
    if [ "$same_work" = 1 ]; then
        run_window=$(python3 -c "print(f'{$window * 576 / $hosts:.6f}')")
    fi
    for ranks in $ranks_list; do
        launch=()
        if [ "$ranks" -gt 1 ]; then
            if [ "$ranks" -gt "$1" ]; then
                [ "$k" -gt 1 ] || echo "# $hosts hosts: $1 rack(s), not run on $ranks ranks" >&2
                continue
            fi
            launch=(mpirun -np "$ranks" --oversubscribe --bind-to none)
            [ -z "$preload" ] || launch+=(-x "LD_PRELOAD=$preload")
        elif [ -n "$preload" ]; then
            launch=(env "LD_PRELOAD=$preload")
        fi
        for t in $transports; do
        for buffer in $buffers; do
            # The run's cost comes from its --cost CSV, not from the printed text.
            key="$tmp/cost-$hosts-$ranks-$t-$buffer"
            "${launch[@]}" "$bin" --racks="$1" --hostsPerRack="$2" --spines="$3" --workload="$workload" \
                --load=0.8 --time="$run_window" --drain=0 --transport="$t" --switches="$switches" --links="$links" \
                --switchBuffer="$buffer" --cost="$key-$k.csv" >/dev/null || true
            [ "$k" = "$repeat" ] || continue
            line=$(python3 - "$malloc" "$buffer" "$key"-*.csv <<'PY'
import csv, os, sys
malloc = os.path.basename(sys.argv[1])
runs = sorted((next(csv.DictReader(open(f))) for f in sys.argv[3:] if os.path.exists(f) and os.path.getsize(f)),
              key=lambda r: float(r['wall_s']))
if not runs:
    sys.exit('no run completed')
r = runs[0] if os.environ['BENCH_PICK'] == 'min' else runs[len(runs) // 2]
if len(runs) > 1:
    print('# %s hosts, %s: wall s of the %d runs %s' % (r['hosts'], r['transport'], len(runs),
          ' '.join('%.2f' % float(x['wall_s']) for x in runs)), file=sys.stderr)
packets = int(r['data_packets'])
us = float(r['wall_s']) * 1e6 / packets if packets else float('nan')
links = int(r['link_packets'])
print(','.join([r['hosts'], r['workload'], '%.2f' % float(r['load']), r['transport'],
                r['switches'], r['profile'], '%.3f' % float(r['simulated_ms']),
                '%.2f' % float(r['wall_s']), r['events_per_wall_s'],
                r['data_packets_per_wall_s'], '%.2f' % us, r['peak_mib'], r['messages'],
                r['delivered'], r.get('ranks', '1'), malloc,
                '%.2f' % (links / packets if packets else float('nan')),
                '%.0f' % (float(r['wall_s']) * 1e9 / links if links else float('nan')),
                r.get('links', 'p2p'), sys.argv[2]]))
PY
) || { echo "benchmark: $hosts hosts, $t, $ranks rank(s): no run completed" >&2; continue; }
            echo "$line"
            if [ -n "${BENCH_CSV:-}" ]; then echo "$line" >>"$BENCH_CSV"; fi
        done
        done
    done
done
done
