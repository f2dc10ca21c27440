#!/usr/bin/env python3
"""Send malformed Homa packets (IP protocol 146) at a host. None of them is a complete, valid
request. Needs root (raw socket). Prints what it sent, by kind.

Three systematic phases first: every packet type truncated at every byte boundary of its
header; every header field at its extremes (0, 1, the largest value and one less) with the
others sane; the fuzzers' corpora replayed (test/fuzz/corpus/headers and the packets of
test/fuzz/corpus/receive, found inputs included when --fuzz-found names their folder). Then
--count random ones: random bytes, truncated headers, unknown types, DATA and control packets
with bogus ids, lengths and offsets."""

import argparse
import os
import random
import socket
import struct
import sys
import time

HOMA = 146


def common(sport, dport, ptype, sender_id, seq=0):
    # sport, dport, sequence, 3 unused bytes, type, doff, flags, window, checksum, urgent, id
    doff = (14 if ptype == 0x10 else 5) << 4
    return struct.pack("!HHI3sBBBHHHQ", sport, dport, seq, b"\0\0\0", ptype, doff, 0, 0, 0, 0, sender_id)


def data(sport, dport, sender_id, length, incoming, offset, payload):
    h = common(sport, dport, 0x10, sender_id, offset)
    h += struct.pack("!IIQHHB3sI", length, incoming, 0, 0, 0, 0, b"\0\0\0", offset)
    return h + payload


# Each type's fields after the common header: (name, struct format) in wire order.
TYPE_FIELDS = {
    0x10: [("length", "I"), ("incoming", "I"), ("ack_id", "Q"), ("ack_port", "H"),
           ("cutoff_version", "H"), ("retransmit", "B"), ("pad", "3s"), ("offset", "I")],
    0x11: [("offset", "I"), ("priority", "B")],
    0x12: [("offset", "I"), ("length", "I"), ("priority", "B")],
    0x13: [], 0x14: [], 0x16: [], 0x17: [],
    0x15: [(f"cutoff{i}", "I") for i in range(8)] + [("version", "H")],
    0x18: [("num_acks", "H")] + [x for i in range(5) for x in ((f"ack{i}_id", "Q"), (f"ack{i}_port", "H"))],
}
COMMON_FIELDS = [("sport", "H"), ("dport", "H"), ("sequence", "I"), ("type", "B"), ("doff", "B"),
                 ("sender_id", "Q")]


def sane(ptype, port):
    """A plausible header of this type, as a dict of field values."""
    v = {"sport": 40000, "dport": port, "sequence": 0, "type": ptype,
         "doff": (14 if ptype == 0x10 else 5) << 4, "sender_id": 0x1234567a}
    for name, fmt in TYPE_FIELDS[ptype]:
        v[name] = b"\0\0\0" if fmt == "3s" else 0
    if ptype == 0x10:
        v.update(length=3000, incoming=3000)
    return v


def build(ptype, v):
    h = struct.pack("!HHI3sBBBHHHQ", v["sport"], v["dport"], v["sequence"], b"\0\0\0",
                    v["type"], v["doff"], 0, 0, 0, 0, v["sender_id"])
    for name, fmt in TYPE_FIELDS[ptype]:
        h += struct.pack("!" + fmt, v[name])
    return h + (b"z" * 100 if ptype == 0x10 else b"")


def extremes(fmt):
    top = {"B": 0xFF, "H": 0xFFFF, "I": 0xFFFFFFFF, "Q": 0xFFFFFFFFFFFFFFFF}[fmt]
    return [0, 1, top - 1, top]


def systematic(port, fuzz_dirs):
    """(kind, packet) for the truncations, the extremes and the replayed corpora."""
    for ptype in sorted(TYPE_FIELDS):
        full = build(ptype, sane(ptype, port))
        header = len(full) - (100 if ptype == 0x10 else 0)
        for cut in range(1, header):
            yield "truncated at every byte boundary", full[:cut]
    for ptype in sorted(TYPE_FIELDS):
        for name, fmt in COMMON_FIELDS + TYPE_FIELDS[ptype]:
            if fmt == "3s" or name in ("type", "dport"):
                continue  # the type and the port choose what is tested
            for value in extremes(fmt):
                v = sane(ptype, port)
                v[name] = value
                yield "a field at an extreme", build(ptype, v)
    for d in fuzz_dirs:
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            raw = open(os.path.join(d, f), "rb").read()
            if os.path.basename(d.rstrip("/")) == "receive":
                # Records: a two-byte length, then the packet.
                at = 0
                while at + 2 <= len(raw):
                    n = min((raw[at] << 8 | raw[at + 1]) % 2001, len(raw) - at - 2)
                    if n:
                        yield "replayed fuzzer input", raw[at + 2:at + 2 + n][:1400]
                    at += 2 + n
            elif raw:
                yield "replayed fuzzer input", raw[:1400]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dst", required=True)
    ap.add_argument("--port", type=int, default=9000)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--delay", type=float, default=0.001)
    ap.add_argument("--seed", type=int, default=146)
    ap.add_argument("--fuzz-found", action="append", default=[],
                    help="another folder of fuzzer inputs to replay (headers or receive)")
    ap.add_argument("--no-systematic", action="store_true")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, HOMA)
    kinds = {}
    total = 0
    corpus = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "test", "fuzz", "corpus")
    dirs = [os.path.join(corpus, "headers"), os.path.join(corpus, "receive")] + args.fuzz_found
    for name, pkt in ([] if args.no_systematic else systematic(args.port, dirs)):
        kinds[name] = kinds.get(name, 0) + 1
        total += 1
        try:
            s.sendto(pkt, (args.dst, 0))
        except OSError as e:
            print(f"send failed: {e}", file=sys.stderr)
            return 1
        time.sleep(args.delay / 2)
    for i in range(args.count):
        k = i % 6
        port = args.port
        sid = rnd.getrandbits(64) | 1 if rnd.random() < 0.5 else rnd.getrandbits(64) & ~1
        if k == 0:
            name = "random bytes"
            pkt = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 200)))
        elif k == 1:
            name = "truncated common header"
            pkt = common(40000, port, 0x10, sid)[: rnd.randint(1, 27)]
        elif k == 2:
            name = "truncated type header"
            full = data(40000, port, sid, 5000, 5000, 0, b"x" * 10)
            pkt = full[: rnd.randint(28, 55)]
        elif k == 3:
            name = "unknown type"
            pkt = common(40000, port, rnd.choice([0, 1, 0x0f, 0x19, 0x20, 0x7f, 0xff]), sid) + b"\0" * 40
        elif k == 4:
            name = "DATA with bogus length/offset"
            length = rnd.choice([0, 1000001, 0xFFFFFFFF, 100])
            offset = rnd.choice([length, length + 1, 0xFFFFFF00, 95]) & 0xFFFFFFFF
            pkt = data(40000, port, sid, length, length, offset, b"y" * rnd.randint(10, 100))
        else:
            name = "control for a bogus RPC"
            t = rnd.choice([0x11, 0x12, 0x13, 0x14, 0x15, 0x17, 0x18])
            pkt = common(40000, port, t, sid) + bytes(rnd.getrandbits(8) for _ in range(60))
        kinds[name] = kinds.get(name, 0) + 1
        try:
            s.sendto(pkt, (args.dst, 0))
        except OSError as e:
            print(f"send failed: {e}", file=sys.stderr)
            return 1
        time.sleep(args.delay)
    total += args.count
    for name, n in sorted(kinds.items()):
        print(f"sent {n:5d} {name}")
    print(f"sent {total} malformed packets to {args.dst}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
