#!/usr/bin/env python3
"""p50 and p99 slowdown per size class of a homa-datacenter per-message CSV (--csv).

  utils/size-classes.py MESSAGES.csv EDGE [EDGE ...] [--rack HOSTS_PER_RACK]

Each EDGE is a class's largest size in bytes, ascending; one more class holds the larger
messages. Undelivered messages (no slowdown) are left out. Percentiles are nearest-rank.
Writes CSV to standard output:

  min_size,max_size,messages,p50,p99             (max_size empty for the last class)

With --rack, the classes are split by path, messages within a rack (source and destination
hosts in the same block of HOSTS_PER_RACK) and across the spines, and labelled by size:

  path,size,messages,p50,p99                     (path rack or spine; size <=A, A+1-B, >B)
"""
import argparse
import csv
import math
import sys


def nearest_rank(values, p):
    return values[min(len(values) - 1, max(0, math.ceil(p * len(values)) - 1))] if values else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("messages")
    ap.add_argument("edges", nargs="+", type=int)
    ap.add_argument("--rack", type=int, default=0)
    args = ap.parse_args()
    edges = args.edges
    if edges != sorted(set(edges)) or edges[0] < 1:
        sys.exit("size-classes: the edges must be ascending sizes")
    lows = [0] + [e + 1 for e in edges]
    highs = edges + [None]
    groups = {}
    with open(args.messages) as f:
        for r in csv.DictReader(f):
            if not r["slowdown"]:
                continue
            size = int(r["size_bytes"])
            k = next((i for i, e in enumerate(edges) if size <= e), len(edges))
            path = ""
            if args.rack:
                path = "rack" if int(r["src"]) // args.rack == int(r["dst"]) // args.rack \
                    else "spine"
            groups.setdefault((path, k), []).append(float(r["slowdown"]))
    out = sys.stdout
    if args.rack:
        out.write("path,size,messages,p50,p99\n")
        labels = ([f"<={edges[0]}"] + [f"{lo}-{hi}" for lo, hi in zip(lows[1:], highs[1:-1])]
                  + [f">{edges[-1]}"])
        for path in ("rack", "spine"):
            for k, label in enumerate(labels):
                v = sorted(groups.get((path, k), []))
                out.write(f"{path},{label},{len(v)},{nearest_rank(v, 0.5):.3f},"
                          f"{nearest_rank(v, 0.99):.3f}\n")
        return
    out.write("min_size,max_size,messages,p50,p99\n")
    for k, (lo, hi) in enumerate(zip(lows, highs)):
        v = sorted(groups.get(("", k), []))
        out.write(f"{lo},{'' if hi is None else hi},{len(v)},{nearest_rank(v, 0.5):.3f},"
                  f"{nearest_rank(v, 0.99):.3f}\n")


if __name__ == "__main__":
    main()
