#!/usr/bin/env python3
"""Check the Wireshark dissector (utils/wireshark/homa.lua) against what a simulation sent.

1. Runs homa-incast (Homa only) with a capture of the receiver's link (--pcap) and a log of
   every Homa packet the receiver's HomaL4Protocol sent or received (--packetLog).
2. Decodes the capture with tshark and the dissector, and checks that the decoded packets
   are exactly the logged ones: direction, type, sender id, offset, length, message length
   and priority level, packet for packet (as multisets), with no expert info.
3. Writes a capture of malformed Homa packets and checks that each gets its expert info.

    utils/check-dissector.py NS3_DIR
Exits 0 on success, 1 on a mismatch, 77 (skipped) without tshark.
"""

import collections
import csv
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(HERE, "utils", "wireshark", "homa.lua")
FIELDS = ["ip.src", "ip.dst", "homa.type", "homa.sender_id", "homa.offset", "homa.data_length",
          "homa.length", "homa.message_length", "homa.priority", "_ws.expert.message"]


def tshark(pcap):
    cmd = ["tshark", "-X", f"lua_script:{LUA}", "-r", pcap, "-T", "fields", "-E", "separator=;",
           "-E", "occurrence=a", "-E", "aggregator=|"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return [dict(zip(FIELDS, line.split(";"))) for line in out.splitlines()]


def write_pcap(path, packets):
    """A pcap of raw IPv4 packets (LINKTYPE_RAW) carrying the given Homa bytes."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
        for i, homa in enumerate(packets):
            total = 20 + len(homa)
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 7 << 5, total, i, 0, 64, 146, 0,
                             bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
            frame = ip + homa
            f.write(struct.pack("<IIII", i, 0, len(frame), len(frame)) + frame)


def common(ptype, sender_id=2, doff=0x50):
    return struct.pack("!HHI3xBBBHHHQ", 32768, 4000, 0, ptype, doff, 0, 0, 0, 0, sender_id)


def check_malformed(tmp):
    data_hdr = lambda length, offset: (common(0x10, doff=0xE0) + struct.pack(
        "!IIQHHB3xI", length, length, 0, 0, 0, 0, offset))
    cases = [
        (b"\x80\x00\x0f\xa0" + bytes(16), "Shorter than its Homa header"),
        (common(0x30), "Unknown Homa packet type"),
        (common(0x10, doff=0xE0) + bytes(12), "Shorter than its Homa header"),
        (data_hdr(1000, 2000) + bytes(100), "DATA outside its message (offset, length)"),
        (common(0x18) + struct.pack("!H", 9) + bytes(50), "More than 5 acks"),
        (common(0x11) + struct.pack("!IB", 5000, 3) + bytes(4), "Control packet of the wrong length"),
        (common(0x11, doff=0xE0) + struct.pack("!IB", 5000, 3), "doff does not match the packet type"),
    ]
    pcap = os.path.join(tmp, "malformed.pcap")
    write_pcap(pcap, [c[0] for c in cases])
    rows = tshark(pcap)
    bad = 0
    for (payload, want), row in zip(cases, rows):
        if want not in row["_ws.expert.message"].split("|"):
            print(f"malformed packet of {len(payload)} B: expected '{want}', got "
                  f"'{row['_ws.expert.message']}'")
            bad += 1
    print(f"malformed: {len(cases) - bad} of {len(cases)} packets flagged as expected")
    return bad == 0 and len(rows) == len(cases)


def main():
    if not shutil.which("tshark"):
        print("check-dissector: SKIPPED: tshark is not installed")
        return 77
    ns3 = os.path.abspath(sys.argv[1])
    binary = os.path.join(ns3, "build", "contrib", "homa", "examples",
                          [b for b in os.listdir(os.path.join(ns3, "build", "contrib", "homa",
                                                              "examples"))
                           if "homa-incast" in b][0])
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([binary, "--transport=homa", "--senders=8", "--rounds=2",
                        "--sizes=1,2000,20000,300000", "--pcap=cap", "--packetLog=log.csv",
                        "--csv=none", "--plot=none", "--progress=false"],
                       cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(tmp, "log.csv")) as f:
            logged = collections.Counter(
                (r["dir"], int(r["type"]), r["sender_id"], r["offset"], r["length"],
                 r["message_length"], r["priority"]) for r in csv.DictReader(f))
        rows = tshark(os.path.join(tmp, "cap-homa.pcap"))
        # The receiver is the address every packet of its link carries.
        addresses = set.intersection(*({r["ip.src"], r["ip.dst"]} for r in rows))
        receiver = addresses.pop()
        decoded = collections.Counter()
        experts = 0
        for r in rows:
            length = r["homa.data_length"] or r["homa.length"]
            decoded[("tx" if r["ip.src"] == receiver else "rx", int(r["homa.type"], 16),
                     r["homa.sender_id"], r["homa.offset"], length, r["homa.message_length"],
                     r["homa.priority"])] += 1
            experts += bool(r["_ws.expert.message"])
        types = collections.Counter(k[1] for k in decoded.elements())
        print(f"capture: {len(rows)} Homa packets decoded at the receiver {receiver}; by type "
              + ", ".join(f"0x{t:02x}: {n}" for t, n in sorted(types.items())))
        ok = True
        if decoded != logged:
            ok = False
            print(f"decoded and logged packets differ: {sum((decoded - logged).values())} "
                  f"only decoded, {sum((logged - decoded).values())} only logged")
            for k in list((decoded - logged).elements())[:5]:
                print("  only decoded:", k)
            for k in list((logged - decoded).elements())[:5]:
                print("  only logged: ", k)
        else:
            print(f"capture: all {len(rows)} packets match the simulation's log field for field")
        if experts:
            ok = False
            print(f"{experts} well-formed packets got expert info")
        ok = check_malformed(tmp) and ok
    print("check-dissector:", "PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
