/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer target: every Homa header's Deserialize on arbitrary bytes (utils/fuzz.sh builds
// and runs it). Invariants: a header parses from any input at least its size; it serialises
// back to the input's bytes except the bytes the format leaves unused (sent as zeros); a
// second parse of those bytes gives the same header; Print never fails.

#include "ns3/homa-header.h"
#include "ns3/packet.h"

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/// Bytes of the common header that Homa leaves unused: the TCP ack field's high bytes,
/// flags, window, checksum and urgent pointer.
const std::set<uint32_t> COMMON_UNUSED{8, 9, 10, 13, 14, 15, 16, 17, 18, 19};

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
Check(const uint8_t* data, size_t size, const char* name, const std::set<uint32_t>& unused)
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
        bool zero = unused.count(k) != 0;
        if (zero ? out[k] != 0 : out[k] != data[k])
        {
            Fail(zero ? "an unused byte serialised nonzero" : "a byte changed in the round trip",
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
    std::set<uint32_t> dataUnused = COMMON_UNUSED;
    dataUnused.insert({49, 50, 51}); // DATA: the three bytes after "retransmit"
    Check<HomaCommonHeader>(data, size, "common", COMMON_UNUSED);
    Check<HomaDataHeader>(data, size, "DATA", dataUnused);
    Check<HomaGrantHeader>(data, size, "GRANT", COMMON_UNUSED);
    Check<HomaResendHeader>(data, size, "RESEND", COMMON_UNUSED);
    Check<HomaCutoffsHeader>(data, size, "CUTOFFS", COMMON_UNUSED);
    Check<HomaAckHeader>(data, size, "ACK", COMMON_UNUSED);
    if (size >= HomaCommonHeader::SIZE)
    {
        HomaCommonHeader::TypeName(data[HomaCommonHeader::TYPE_OFFSET]);
        HomaCommonHeader::HeaderSize(data[HomaCommonHeader::TYPE_OFFSET]);
    }
    return 0;
}
