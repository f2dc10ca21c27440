#!/usr/bin/env python3
"""Pick one packet of each kind that Linux Homa sent from an interop capture and print them
as C++ test vectors (the header suite's kLinuxPackets).

    utils/interop/extract-vectors.py CAPTURE.pcap [--from 10.0.0.10] [--commit 9edb958]

Kinds: DATA first transmission (seg.offset -1), DATA retransmission (both at an offset past
0), and each control type.
A vector holds the IPv4 source and destination, the Homa packet's length on the wire, and
its first bytes (the whole header and at most 8 payload bytes): enough to check every
field, including the checksum Linux leaves for the NIC to finish (the capture holds the
pseudo-header's sum there).
"""

import argparse
import struct
import sys

NAMES = {0x10: "DATA", 0x11: "GRANT", 0x12: "RESEND", 0x13: "RPC_UNKNOWN", 0x14: "BUSY",
         0x15: "CUTOFFS", 0x16: "FREEZE", 0x17: "NEED_ACK", 0x18: "ACK"}
SIZES = {0x10: 56, 0x11: 33, 0x12: 37, 0x13: 28, 0x14: 28, 0x15: 62, 0x16: 28, 0x17: 28,
         0x18: 80}


def packets(path):
    raw = open(path, "rb").read()
    endian = "<" if struct.unpack("<I", raw[:4])[0] in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    pos = 24
    while pos + 16 <= len(raw):
        _, _, incl, _ = struct.unpack(endian + "IIII", raw[pos:pos + 16])
        frame = raw[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        if frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        if ip[9] != 146:
            continue
        ihl = (ip[0] & 0x0F) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        yield ip[12:16], ip[16:20], ip[ihl:total]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pcap")
    ap.add_argument("--from", dest="src", default="10.0.0.10")
    ap.add_argument("--commit", default="9edb958")
    args = ap.parse_args()
    src = bytes(int(x) for x in args.src.split("."))
    chosen = {}
    for s, d, homa in packets(args.pcap):
        if s != src or len(homa) < 28:
            continue
        t = homa[11]
        if t == 0x10:
            kind = "DATA retransmission" if homa[48] else "DATA"
            if struct.unpack("!I", homa[4:8])[0] == 0:
                continue  # an offset past 0 shows where it travels
        elif t == 0x18 and struct.unpack("!H", homa[28:30])[0] == 0:
            kind = "ACK (none piggy-backed)"
        else:
            kind = NAMES.get(t, "?")
        if kind not in chosen:
            chosen[kind] = (s, d, homa)
    print(f"// Captured from HomaModule {args.commit} in utils/interop-test.sh's guest "
          f"({args.pcap.split('/')[-1]}).")
    for kind in sorted(chosen, key=lambda k: (chosen[k][2][11], k)):
        s, d, homa = chosen[kind]
        keep = homa[:SIZES.get(homa[11], 28) + (8 if homa[11] == 0x10 else 0)]
        body = ", ".join(f"0x{b:02x}" for b in keep)
        print(f'    {{"{kind}", "{".".join(map(str, s))}", "{".".join(map(str, d))}", '
              f"{len(homa)}, {{{body}}}}},")
    return 0


if __name__ == "__main__":
    sys.exit(main())
