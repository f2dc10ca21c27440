#!/usr/bin/env bash
# Distributed-simulation test: homa-datacenter on a 4-rack fabric (4 racks of 4 hosts, 2
# spines), run serially and under `mpirun -np 2` (ns-3's mpi module; racks 0-1 and spine 0 on
# rank 0, racks 2-3 and spine 1 on rank 1), with the same seed, for Homa under both
# synchronisers (granted time window, null messages), TCP and plain UDP, and Homa on 4 ranks
# (one rack each) under both. The runs use --distinctDelays (femtosecond resolution, each
# ToR-spine link a distinct extra delay under 1 ns), so that no two packets over different
# links reach a node in the same instant and the order in which MPI hands packets over cannot
# matter (doc/fabric.rst, "Same-time ties"). The same messages must all be delivered, every
# one at the same time to the nanosecond, and every size range's p99 the same.
#
#   utils/mpi-test.sh NS3_DIR     (exit 77 = skipped, with the reason: no mpi module or mpirun)
#   HOMA_MPI_TEST_ARGS            replaces the run's options (default below)
set -uo pipefail

ns3="${1:?usage: mpi-test.sh NS3_DIR}"
name="mpi-test"
skip() { echo "$name: SKIPPED: $*"; exit 77; }
bin=$(ls "$ns3"/build/contrib/homa/examples/ns3*-homa-datacenter-default 2>/dev/null | head -n1)
[ -n "$bin" ] && [ -x "$bin" ] || skip "homa-datacenter is not built in $ns3"
ls "$ns3"/build/lib/libns3*-mpi-default.so >/dev/null 2>&1 ||
    skip "ns-3 in $ns3 has no mpi module (utils/setup-ns3.sh builds it unless HOMA_MPI=0)"
command -v mpirun >/dev/null || skip "no mpirun (package openmpi-bin)"

# Open MPI refuses root unless told; on one machine, let it start more ranks than it counts cores.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun=(mpirun --oversubscribe --bind-to none)
args=${HOMA_MPI_TEST_ARGS:---racks=4 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.6 --time=0.002 --drain=0.02 --distinctDelays}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# run LABEL TRANSPORT SYNC RANKS: the serial run and the run on RANKS ranks; compare.
run() {
    local label=$1 transport=$2 sync=$3 ranks=$4 t0 t1 t2
    # shellcheck disable=SC2086
    t0=$(date +%s.%N)
    "$bin" $args --transport="$transport" --csv="$work/serial-$label.csv" \
        --ranges="$work/serial-$label-ranges.csv" >"$work/serial-$label.out" 2>&1 ||
        { echo "$name: $label: the serial run failed:"; tail -n 20 "$work/serial-$label.out"; status=1; return; }
    t1=$(date +%s.%N)
    # shellcheck disable=SC2086
    "${mpirun[@]}" -np "$ranks" "$bin" $args --transport="$transport" --mpiSync="$sync" \
        --csv="$work/mpi-$label.csv" --ranges="$work/mpi-$label-ranges.csv" \
        >"$work/mpi-$label.out" 2>&1 ||
        { echo "$name: $label: the $ranks-rank run failed:"; tail -n 20 "$work/mpi-$label.out"; status=1; return; }
    t2=$(date +%s.%N)
    local messages delivered
    messages=$(($(wc -l <"$work/serial-$label.csv") - 1))
    delivered=$(awk -F, 'NR > 1 && $6 >= 0' "$work/serial-$label.csv" | wc -l)
    if ! grep -q "$ranks MPI ranks, $sync synchronisation" "$work/mpi-$label.out"; then
        echo "$name: $label: FAILED: the mpirun run did not run on $ranks ranks:"
        tail -n 5 "$work/mpi-$label.out"
        status=1
    elif [ "$messages" -lt 100 ] || [ "$delivered" -ne "$messages" ]; then
        echo "$name: $label: FAILED: the serial run delivered $delivered of $messages messages"
        status=1
    elif ! verdict=$(python3 - "$work/serial-$label.csv" "$work/mpi-$label.csv" \
        "$work/serial-$label-ranges.csv" "$work/mpi-$label-ranges.csv" <<'PY'
import csv, sys
serial, mpi, serial_ranges, mpi_ranges = (list(csv.DictReader(open(f))) for f in sys.argv[1:5])
problems = []
if len(serial) != len(mpi):
    problems.append("%d messages serially, %d distributed" % (len(serial), len(mpi)))
key = lambda r: (r["src"], r["dst"], r["size_bytes"], r["start_us"])
if [key(r) for r in serial] != [key(r) for r in mpi]:
    problems.append("not the same messages")
undelivered = sum(float(r["end_us"]) < 0 for r in mpi)
if undelivered:
    problems.append("%d messages undelivered distributed" % undelivered)
same = sum(a["end_us"] == b["end_us"] for a, b in zip(serial, mpi))
moved = max((abs(float(a["end_us"]) - float(b["end_us"])) for a, b in zip(serial, mpi)), default=0)
if same < len(serial):
    problems.append("only %d of %d messages at the same time (moved by up to %.3f us)"
                    % (same, len(serial), moved))
worst = 0.0
if len(serial_ranges) != len(mpi_ranges):
    problems.append("not the same size ranges")
for a, b in zip(serial_ranges, mpi_ranges):
    if a["messages"] != b["messages"] or a["delivered"] != b["delivered"]:
        problems.append("range %s: messages differ" % a["range"])
    worst = max(worst, abs(float(b["p99"]) / float(a["p99"]) - 1))
if worst > 0:
    problems.append("a range's p99 differs by %.3f %%" % (100 * worst))
print("; ".join(problems) if problems else
      "%d messages, all delivered, all at the same time to the nanosecond; the same p99 "
      "in all %d size ranges" % (len(serial), len(serial_ranges)))
sys.exit(1 if problems else 0)
PY
); then
        echo "$name: $label: FAILED: $verdict"
        status=1
    else
        printf '%s: %s: PASS: %s (serial %.1f s, %d ranks %.1f s wall)\n' \
            "$name" "$label" "$verdict" "$(awk "BEGIN { print $t1 - $t0 }")" "$ranks" "$(awk "BEGIN { print $t2 - $t1 }")"
    fi
}

run homa-gtw homa gtw 2
run homa-null homa null 2
run tcp-gtw tcp gtw 2
run udp-gtw udp gtw 2
run homa-gtw-4-ranks homa gtw 4
run homa-null-4-ranks homa null 4
exit $status
