/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer target: every Homa header's Deserialize on arbitrary bytes (utils/fuzz.sh builds
// and runs it). Invariants: a header parses from any input at least its size; it serialises
// back to the input's bytes except the bytes whose value the sender fixes (unused bytes sent
// as zeros, flags 6 and urgent 0xb97d as HomaModule sends them) and DATA's seg.offset (-1 on
// a first transmission, the offset on a retransmission); a second parse of those bytes gives
// the same header; Print never fails.

#include "ns3/homa-header.h"
#include "ns3/packet.h"

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/// Bytes of the common header whose value the sender fixes: the TCP ack field's high bytes
/// (0), flags (6), checksum (0 without EnableChecksum) and urgent (0xb97d). The window
/// (bytes 14-15) round-trips: it carries the incast optimization's mark.
const std::map<uint32_t, uint8_t>
    COMMON_FIXED{{8, 0}, {9, 0}, {10, 0}, {13, 6}, {16, 0}, {17, 0}, {18, 0xb9}, {19, 0x7d}};

/// \return the big-endian 32-bit word at data[k]
uint32_t
Word(const uint8_t* data, uint32_t k)
{
    return (uint32_t(data[k]) << 24) | (uint32_t(data[k + 1]) << 16) |
           (uint32_t(data[k + 2]) << 8) | data[k + 3];
}

std::vector<uint8_t>
Serialised(const Header& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

void
Fail(const char* what, const char* header)
{
    std::cerr << "homa-fuzz-headers: " << header << ": " << what << "\n";
    std::abort();
}

/// Parse one header type from the input, check the invariants.
template <typename H>
void
Check(const uint8_t* data,
      size_t size,
      const char* name,
      const std::map<uint32_t, uint8_t>& fixed,
      const std::set<uint32_t>& derived = {})
{
    if (size < H::SIZE)
    {
        return;
    }
    Ptr<Packet> p = Create<Packet>(data, static_cast<uint32_t>(size));
    H h;
    if (p->RemoveHeader(h) != H::SIZE || p->GetSize() != size - H::SIZE)
    {
        Fail("consumed a size other than SIZE", name);
    }
    std::vector<uint8_t> out = Serialised(h);
    if (out.size() != H::SIZE)
    {
        Fail("serialised to a size other than SIZE", name);
    }
    for (uint32_t k = 0; k < H::SIZE; ++k)
    {
        if (derived.count(k))
        {
            continue;
        }
        auto it = fixed.find(k);
        if (it != fixed.end() ? out[k] != it->second : out[k] != data[k])
        {
            Fail(it != fixed.end() ? "a fixed byte serialised otherwise"
                                   : "a byte changed in the round trip",
                 name);
        }
    }
    Ptr<Packet> again = Create<Packet>(out.data(), static_cast<uint32_t>(out.size()));
    H h2;
    again->RemoveHeader(h2);
    if (Serialised(h2) != out)
    {
        Fail("a second parse differs", name);
    }
    std::ostringstream os;
    h.Print(os);
    if (os.str().empty())
    {
        Fail("printed nothing", name);
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::map<uint32_t, uint8_t> dataFixed = COMMON_FIXED;
    dataFixed.insert({{49, 0}, {50, 0}, {51, 0}}); // DATA: the three bytes after "retransmit"
    Check<HomaCommonHeader>(data, size, "common", COMMON_FIXED);
    Check<HomaDataHeader>(data, size, "DATA", dataFixed, {52, 53, 54, 55});
    if (size >= HomaDataHeader::SIZE)
    {
        // Where the offset travels: read from seg.offset unless it is -1 (then sequence),
        // written to seg.offset on retransmissions only.
        Ptr<Packet> p = Create<Packet>(data, static_cast<uint32_t>(size));
        HomaDataHeader h;
        p->RemoveHeader(h);
        uint32_t seg = Word(data, 52);
        uint32_t offset = seg == 0xffffffff ? Word(data, 4) : seg;
        if (h.GetOffset() != offset)
        {
            Fail("the offset was not read from seg.offset, or from sequence when -1", "DATA");
        }
        std::vector<uint8_t> out = Serialised(h);
        if (Word(out.data(), 52) != (data[48] ? offset : 0xffffffffU))
        {
            Fail("seg.offset serialised otherwise than Linux sends it", "DATA");
        }
    }
    Check<HomaGrantHeader>(data, size, "GRANT", COMMON_FIXED);
    Check<HomaResendHeader>(data, size, "RESEND", COMMON_FIXED);
    Check<HomaCutoffsHeader>(data, size, "CUTOFFS", COMMON_FIXED);
    Check<HomaAckHeader>(data, size, "ACK", COMMON_FIXED);
    if (size >= HomaCommonHeader::SIZE)
    {
        HomaCommonHeader::TypeName(data[HomaCommonHeader::TYPE_OFFSET]);
        HomaCommonHeader::HeaderSize(data[HomaCommonHeader::TYPE_OFFSET]);
    }
    return 0;
}
