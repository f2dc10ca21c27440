#!/usr/bin/env python3
"""Send malformed Homa packets (IP protocol 146) at a host: random bytes, truncated headers,
unknown types, and DATA/control packets with bogus ids, lengths and offsets. None of them is a
complete, valid request. Needs root (raw socket). Prints what it sent."""

import argparse
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dst", required=True)
    ap.add_argument("--port", type=int, default=9000)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--delay", type=float, default=0.001)
    ap.add_argument("--seed", type=int, default=146)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, HOMA)
    kinds = {}
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
    for name, n in sorted(kinds.items()):
        print(f"sent {n:5d} {name}")
    print(f"sent {args.count} malformed packets to {args.dst}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
