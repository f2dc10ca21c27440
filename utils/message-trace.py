#!/usr/bin/env python3
"""Where did each traced Homa message's time go?

Reads the CSV that homa-datacenter --traceLengths=MIN:MAX writes (HomaMessageTrace; under MPI
one file per rank: give them all) and, for each message traced from its begin to its end,
follows the DATA packet that arrived last, the one that ended the message, back to its
sender:

  grant    from the message's begin until the grant that allowed that packet reached the
           sender (0 for an unscheduled packet)
  sender   from then until the sender handed the packet to IP (the pacer's choice)
  nic      in the sender's NIC queue (handed to IP until the NIC started sending it)
  fabric   from the sender's NIC to the receiver's Homa (links, switch queues)

grant + sender + nic + fabric is the message's completion time. It prints the slowest
messages (--top) with those parts and the level the last packet travelled at, then, over the
slowest tenth of the messages, the mean of each part.

  utils/message-trace.py TRACE.csv [TRACE.csv.1 ...] [--top 10]
"""
import argparse
import collections
import csv
import sys


def load(files):
    messages = collections.defaultdict(list)
    for name in files:
        with open(name) as f:
            for r in csv.DictReader(f):
                messages[(r["client"], int(r["rpc_id"]), r["request"])].append(r)
    return messages


def analyse(events):
    begin = [e for e in events if e["event"] == "begin"]
    end = [e for e in events if e["event"] == "end"]
    if not begin or not end:
        return None
    t0 = int(begin[0]["time_ns"])
    t1 = int(end[0]["time_ns"])
    data = collections.defaultdict(dict)  # offset -> event -> first time (and the level)
    grants = []  # (time the sender got it, granted offset)
    for e in events:
        t = int(e["time_ns"])
        if e["type"] == "DATA":
            d = data[int(e["offset"])]
            d.setdefault(e["event"], t)
            d.setdefault("end", int(e["offset"]) + int(e["bytes"]))
            d.setdefault(e["event"] + "_prio", int(e["priority"]))
        elif e["type"] == "GRANT" and e["event"] == "rx":
            grants.append((t, int(e["offset"])))
    received = [(d["rx"], off) for off, d in data.items() if "rx" in d]
    if not received:
        return None
    _, last = max(received)
    d = data[last]
    # A packet sent before the first grant reached the sender is unscheduled; else it waited
    # for the first grant (as the sender received it) that covered its end.
    tx = d.get("tx")
    first_grant = min((t for t, _ in grants), default=None)
    if tx is None or first_grant is None or tx < first_grant:
        granted = t0
    else:
        allowed = [t for t, off in sorted(grants) if off >= d["end"]]
        granted = min(allowed[0], tx) if allowed else tx
    tx = d.get("tx", granted)
    wire = d.get("wire", tx)
    return {
        "length": int(begin[0]["bytes"]),
        "completion": t1 - t0,
        "grant": granted - t0,
        "sender": tx - granted,
        "nic": wire - tx,
        "fabric": d["rx"] - wire,
        "level": d.get("rx_prio", -1),
        "offset": last,
        "packets_low": sum(1 for v in data.values() if v.get("tx_prio", 7) < 7),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("traces", nargs="+")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    results = [r for r in (analyse(ev) for ev in load(args.traces).values()) if r]
    if not results:
        sys.exit("message-trace: no message traced from begin to end")
    results.sort(key=lambda r: r["completion"], reverse=True)
    us = lambda ns: "%.1f" % (ns / 1000)
    print("%d messages traced from begin to end" % len(results))
    print("slowest (us): length completion = grant + sender + nic + fabric, last packet's "
          "offset and level, packets sent below the top level")
    for r in results[:args.top]:
        print("  %7d %7s = %6s + %6s + %6s + %6s  offset %6d level %d  low %d" % (
            r["length"], us(r["completion"]), us(r["grant"]), us(r["sender"]), us(r["nic"]),
            us(r["fabric"]), r["offset"], r["level"], r["packets_low"]))
    tail = results[:max(1, len(results) // 10)]
    mean = lambda k: sum(r[k] for r in tail) / len(tail)
    print("slowest tenth (%d messages), mean us: completion %s = grant %s + sender %s + nic "
          "%s + fabric %s" % (len(tail), us(mean("completion")), us(mean("grant")),
                              us(mean("sender")), us(mean("nic")), us(mean("fabric"))))


if __name__ == "__main__":
    main()
