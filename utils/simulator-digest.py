#!/usr/bin/env python3
"""Per size range p50 and p99 slowdown as the paper's simulator reported them, from a
homa-datacenter per-message CSV (--csv), beside the plain nearest-rank percentiles.

  utils/simulator-digest.py MESSAGES.csv RANGES.csv [--out FILE]
  utils/simulator-digest.py --self-test

RANGES.csv holds the simulator's size ranges (size_bytes_hi: doc/data/paper-sim/<W>-<load>.csv);
a message belongs to the first range whose bound is at least its size. Undelivered messages
are left out.

How the simulator's numbers were made (PlatformLab/HomaSimulation ab09ecb, under
RpcTransportDesign/OMNeT++Simulation/):
- Each receiving host's WorkloadSynthesizer records every message's stretch into a
  histogram of its own per size range (homatransport/src/application/WorkloadSynthesizer.cc
  processRcvdMsg, statistic msg<range>E2EStretch, record=count,stats,histogram).
- The histograms are OMNeT++ 4.6 ones with the patch of that directory's README.md: range
  [0, largest of the first 10,000 values] (RANGE_AUTOUPPER, range_ext_factor 1.0,
  num_firstvals 10000), 100 equal cells; a value at or above the top goes to the overflow
  cell. With fewer than 10,000 values the range is set from all of them at the end.
- analysis/MetricsDashBoard.py getInterestingModuleStats takes, per host, the lower edge of
  the first cell at which the cumulative share reaches 0.5 (median) or 0.99 (99th
  percentile), at least the host's smallest value; the overflow cell's edge is the top of
  the range. digestModulesStats then averages the hosts' values weighted by their message
  counts (e2eStretchAndDelay, the per-receiver path).
A host with fewer than 100 messages in a range thus contributes its largest slowdown as its
"99th percentile", so where hosts see few messages of a range (the large messages of W4 and
W5) the simulator's figure lies well below the range's true 99th percentile. The comparison
is like for like only when each host receives as many messages per range as in the
simulator's run, i.e. over the same simulated time (its stopTime, homaTransportConfig.ini).

Writes CSV: max_size,messages,hosts,p50,p99,sim_p50,sim_p99,mean (p50/p99 nearest-rank over
all the range's messages; sim_* the simulator's digest; mean the plain mean, which the
digest does not change; hosts: receivers with messages).
"""

import argparse
import bisect
import collections
import csv
import math
import sys

CELLS = 100
FIRST_VALUES = 10000


def nearest_rank(values, p):
    values = sorted(values)
    k = max(1, math.ceil(p / 100.0 * len(values)))
    return values[min(k, len(values)) - 1]


def host_percentiles(values):
    """One host's (median, p99) of one range as its OMNeT++ histogram reports them; values
    in the order they were recorded."""
    first = values[:FIRST_VALUES]
    top = max(first)
    if top <= 0:
        top = 1.0  # OMNeT++: an empty range becomes [lower, lower + 1]
    size = top / CELLS
    counts = [0] * (CELLS + 1)  # 100 cells, then the overflow cell
    for v in values:
        k = int(math.floor(v / size))
        counts[CELLS if k >= CELLS or v >= top else k] += 1
    edges = [k * size for k in range(CELLS)] + [top]
    total = len(values)
    low = min(values)

    def at(share):
        cum = 0
        for k, c in enumerate(counts):
            cum += c
            if cum / total >= share:
                return max(edges[k], low)
        return max(edges[-1], low)

    return at(0.5), at(0.99)


def digest(messages, bounds):
    """messages: (size, receiver, end time, slowdown); bounds ascending. Rows per range."""
    per_range = collections.defaultdict(lambda: collections.defaultdict(list))
    ordered = sorted(messages, key=lambda m: m[2])  # the order hosts recorded them
    for size, dst, _, slowdown in ordered:
        k = bisect.bisect_left(bounds, size)  # the first bound >= size
        if k < len(bounds):
            per_range[bounds[k]][dst].append(slowdown)
    rows = []
    for bound in bounds:
        hosts = per_range.get(bound)
        if not hosts:
            rows.append((bound, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0))
            continue
        every = [v for vs in hosts.values() for v in vs]
        n = len(every)
        each = [(host_percentiles(vs), len(vs)) for vs in hosts.values()]
        p50 = sum(p[0] * c for p, c in each) / n
        p99 = sum(p[1] * c for p, c in each) / n
        rows.append((bound, n, len(hosts), nearest_rank(every, 50), nearest_rank(every, 99),
                     p50, p99, sum(every) / n))
    return rows


def self_test():
    """The digest against hand-computed values; exits non-zero on a mismatch."""
    # Receiver 1, range 10: 1, 2 and 4 -> range [0, 4], cells of 0.04; 1 is in cell 25, 2 in
    # cell 50, 4 (the top) in the overflow cell: median 2 (cell 50's edge), p99 4 (the top).
    # Receiver 2, range 10: 0.5 k for k = 1..200 -> range [0, 100], cells of 1: cell 0 holds
    # one value, cells 1-99 two each, 100 overflows; half (100) is reached at cell 50 (101),
    # 99 % (198) at cell 99 (199): median 50, p99 99.
    # Receiver 3, range 20: 10,000 values of 1 then one of 5: the range is set by the first
    # 10,000 ([0, 1]), so every value overflows and both percentiles are the top, 1.
    msgs = [(5, 1, t, v) for t, v in enumerate([1.0, 2.0, 4.0])]
    msgs += [(10, 2, 10 + k, 0.5 * k) for k in range(1, 201)]
    msgs += [(15, 3, 1000 + k, 1.0) for k in range(10000)] + [(15, 3, 20000, 5.0)]
    rows = {r[0]: r for r in digest(msgs, [10, 20])}
    every = sorted([1.0, 2.0, 4.0] + [0.5 * k for k in range(1, 201)])
    # Nearest rank over all 203: the 102nd and the 201st smallest.
    want = {10: (203, 2, every[101], every[200], (3 * 2.0 + 200 * 50.0) / 203,
                 (3 * 4.0 + 200 * 99.0) / 203, sum(every) / 203),
            20: (10001, 1, 1.0, 1.0, 1.0, 1.0, 10005.0 / 10001)}
    ok = True
    for bound, expected in want.items():
        got = rows[bound][1:]
        same = all(abs(a - b) < 1e-9 for a, b in zip(got, expected))
        print(f"simulator-digest self-test: range {bound}: {'ok' if same else 'WRONG'} "
              f"(got {got}, want {expected})")
        ok = ok and same
    sys.exit(0 if ok else 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("messages", nargs="?", help="homa-datacenter --csv output")
    ap.add_argument("ranges", nargs="?",
                    help="CSV with size_bytes_hi (doc/data/paper-sim/<W>-<load>.csv)")
    ap.add_argument("--out", default="-", help="output CSV (default: standard output)")
    ap.add_argument("--self-test", action="store_true",
                    help="check the digest against hand-computed values and exit")
    args = ap.parse_args()
    if args.self_test:
        self_test()
    if not args.messages or not args.ranges:
        ap.error("MESSAGES.csv and RANGES.csv are needed")
    with open(args.ranges) as f:
        bounds = sorted(int(r["size_bytes_hi"]) for r in csv.DictReader(f))
    messages = []
    with open(args.messages) as f:
        for r in csv.DictReader(f):
            ideal = float(r["ideal_us"])
            if float(r["end_us"]) < 0 or ideal <= 0:
                continue  # undelivered (end -1)
            messages.append((int(r["size_bytes"]), int(r["dst"]), float(r["end_us"]),
                             float(r["completion_us"]) / ideal))
    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["max_size", "messages", "hosts", "p50", "p99", "sim_p50", "sim_p99", "mean"])
    for bound, n, hosts, p50, p99, s50, s99, mean in digest(messages, bounds):
        w.writerow([bound, n, hosts] + [f"{x:.5f}" for x in (p50, p99, s50, s99, mean)])
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
