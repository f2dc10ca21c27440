#!/usr/bin/env python3
"""Check a capture (pcap, Ethernet) of Homa traffic: every packet is IPv4 protocol 146 and
each Homa packet has the Linux header size of its type, its doff, flags 6 and urgent 0xb97d
(as HomaModule sends them). Packets from the --checksum senders must carry a valid TCP-style
checksum (pseudo-header with protocol 6, as Linux fills it). Packets to or from --ignore (the
malformed barrage and the answers to it) are counted but not checked."""

import argparse
import struct
import sys

SIZES = {0x10: 56, 0x11: 33, 0x12: 37, 0x13: 28, 0x14: 28, 0x15: 62, 0x16: 28, 0x17: 28, 0x18: 80}
NAMES = {0x10: "DATA", 0x11: "GRANT", 0x12: "RESEND", 0x13: "RPC_UNKNOWN", 0x14: "BUSY",
         0x15: "CUTOFFS", 0x16: "FREEZE", 0x17: "NEED_ACK", 0x18: "ACK"}


def checksum_ok(src, dst, homa):
    """True if homa's checksum is a TCP checksum over it (tcp_v4_check, protocol 6)."""
    data = src + dst + bytes([0, 6]) + struct.pack("!H", len(homa)) + homa
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total == 0xFFFF


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pcap")
    ap.add_argument("--ignore", default="10.0.0.3")
    ap.add_argument("--checksum", default="",
                    help="comma-separated senders whose checksums must verify (a Linux "
                         "sender's may be left to the NIC and not be final in a capture)")
    args = ap.parse_args()
    verify = [bytes(int(x) for x in a.split(".")) for a in args.checksum.split(",") if a]
    ignore = bytes(int(x) for x in args.ignore.split("."))
    raw = open(args.pcap, "rb").read()
    magic = struct.unpack("<I", raw[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    linktype = struct.unpack(endian + "I", raw[20:24])[0]
    if linktype != 1:
        print(f"unexpected link type {linktype}")
        return 1
    pos = 24
    counts = {}
    checked = ignored = bad = 0
    while pos + 16 <= len(raw):
        _, _, incl, _ = struct.unpack(endian + "IIII", raw[pos:pos + 16])
        frame = raw[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        if len(frame) < 34 or frame[12:14] != b"\x08\x00":
            bad += 1
            continue
        ip = frame[14:]
        ihl = (ip[0] & 0x0F) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        if ip[9] != 146:
            bad += 1
            print(f"not IP protocol 146: {ip[9]}")
            continue
        if ip[12:16] == ignore or ip[16:20] == ignore:
            ignored += 1
            continue
        homa = ip[ihl:total]
        t = homa[11] if len(homa) >= 12 else None
        want = SIZES.get(t)
        ok = want is not None and (len(homa) >= want if t == 0x10 else len(homa) == want)
        doff = homa[12] if len(homa) > 12 else None
        ok = ok and (doff in (0xE0, 0xD0) if t == 0x10 else doff == 0x50)
        ok = ok and homa[13] == 6 and homa[18:20] == b"\xb9\x7d"
        if ok and ip[12:16] in verify:
            ok = checksum_ok(ip[12:16], ip[16:20], homa)
        if not ok:
            bad += 1
            print(f"bad Homa packet: type {t} length {len(homa)} doff {doff} flags {homa[13]} "
                  f"urgent {homa[18:20].hex()} checksum {homa[16:18].hex()}")
            continue
        checked += 1
        counts[NAMES[t]] = counts.get(NAMES[t], 0) + 1
    print(f"capture: {checked} Homa packets between the emulated nodes checked, {ignored} of the "
          f"barrage and its answers not checked, {bad} bad")
    for name in NAMES.values():
        if name in counts:
            print(f"  {name:12s} {counts[name]:7d}  header {SIZES[[k for k, v in NAMES.items() if v == name][0]]} B")
    return 0 if bad == 0 and counts.get("DATA", 0) > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
