/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-header: every Homa header against the Linux wire layout, byte by byte, and
// malformed packets fed straight into HomaL4Protocol::Receive.

#include "homa-test-util.h"

#include "ns3/homa-header.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/homa-socket.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <sstream>

using namespace ns3;

namespace
{

/// \return the bytes of a header serialized alone
std::vector<uint8_t>
Serialize(const Header& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    return homatest::Bytes(p);
}

/// \return the big-endian number at bytes [off, off+n)
uint64_t
Be(const std::vector<uint8_t>& b, size_t off, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i)
    {
        v = (v << 8) | b.at(off + i);
    }
    return v;
}

/// Fill the common fields with recognisable values.
void
FillCommon(HomaCommonHeader& h)
{
    h.SetSourcePort(0x1234);
    h.SetDestinationPort(0xabcd);
    h.SetSenderId(0x0102030405060708ULL);
}

/// Count drops.
void
CountDrop(uint32_t* n, Ptr<const Packet>, const std::string&)
{
    ++*n;
}

} // namespace

/// Layout and round trip of every header type.
class HomaHeaderLayoutTest : public TestCase
{
  public:
    HomaHeaderLayoutTest()
        : TestCase("wire layout and round trip of every header")
    {
    }

  private:
    /// Check the 28 common bytes of a serialized header.
    void CheckCommon(const std::vector<uint8_t>& b, uint8_t type, uint8_t doff)
    {
        NS_TEST_EXPECT_MSG_EQ(Be(b, 0, 2), 0x1234, "sport at offset 0");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 2, 2), 0xabcd, "dport at offset 2");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 8, 3), 0, "unused ack bytes 8..10");
        NS_TEST_EXPECT_MSG_EQ(+b[11], +type, "type at offset 11");
        NS_TEST_EXPECT_MSG_EQ(+b[12], +doff, "doff at offset 12");
        // As HomaModule fills them (homa_hijack_set_hdr): flags 6, window 0, urgent 0xb97d;
        // the checksum stays 0 without EnableChecksum.
        NS_TEST_EXPECT_MSG_EQ(+b[13], 6, "flags 6 at offset 13");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 14, 2), 0, "window zero");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 16, 2), 0, "checksum zero without EnableChecksum");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 18, 2), 0xb97d, "urgent 0xb97d at offset 18");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 20, 8), 0x0102030405060708ULL, "sender_id at offset 20");
    }

    void DoRun() override
    {
        // Common-only packet types.
        for (uint8_t type : {HomaCommonHeader::RPC_UNKNOWN,
                             HomaCommonHeader::BUSY,
                             HomaCommonHeader::NEED_ACK,
                             HomaCommonHeader::FREEZE})
        {
            HomaCommonHeader h;
            h.SetType(type);
            FillCommon(h);
            auto b = Serialize(h);
            NS_TEST_ASSERT_MSG_EQ(b.size(), 28, "common header is 28 bytes");
            CheckCommon(b, type, 0x50);
            NS_TEST_EXPECT_MSG_EQ(HomaCommonHeader::HeaderSize(type), 28, "size table");
        }

        // DATA.
        HomaDataHeader d;
        FillCommon(d);
        d.SetMessageLength(1000000);
        d.SetIncoming(0x00aabbcc);
        d.SetAck(HomaAck{0x1122334455667788ULL, 0x99aa});
        d.SetCutoffVersion(0x0bcd);
        d.SetRetransmit(true);
        d.SetOffset(0x01020304);
        auto b = Serialize(d);
        NS_TEST_ASSERT_MSG_EQ(b.size(), 56, "DATA header is 56 bytes");
        CheckCommon(b, 0x10, 0xe0);
        NS_TEST_EXPECT_MSG_EQ(Be(b, 4, 4), 0x01020304, "sequence carries the offset");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 28, 4), 1000000, "message_length at 28");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 32, 4), 0x00aabbcc, "incoming at 32");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 36, 8), 0x1122334455667788ULL, "ack.client_id at 36");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 44, 2), 0x99aa, "ack.server_port at 44");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 46, 2), 0x0bcd, "cutoff_version at 46");
        NS_TEST_EXPECT_MSG_EQ(+b[48], 1, "retransmit at 48");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 49, 3), 0, "pad at 49");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 52, 4), 0x01020304, "seg.offset at 52");
        {
            Ptr<Packet> p = Create<Packet>(100);
            p->AddHeader(d);
            HomaDataHeader r;
            NS_TEST_EXPECT_MSG_EQ(p->RemoveHeader(r), 56, "DATA consumes 56 bytes");
            NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 100, "payload left intact");
            NS_TEST_EXPECT_MSG_EQ(r.GetMessageLength(), 1000000, "round trip length");
            NS_TEST_EXPECT_MSG_EQ(r.GetIncoming(), 0x00aabbcc, "round trip incoming");
            NS_TEST_EXPECT_MSG_EQ(r.GetAck().clientId, 0x1122334455667788ULL, "round trip ack");
            NS_TEST_EXPECT_MSG_EQ(r.GetAck().serverPort, 0x99aa, "round trip ack port");
            NS_TEST_EXPECT_MSG_EQ(r.GetCutoffVersion(), 0x0bcd, "round trip version");
            NS_TEST_EXPECT_MSG_EQ(r.GetRetransmit(), true, "round trip retransmit");
            NS_TEST_EXPECT_MSG_EQ(r.GetOffset(), 0x01020304, "round trip offset");
            NS_TEST_EXPECT_MSG_EQ(r.GetSourcePort(), 0x1234, "round trip sport");
            NS_TEST_EXPECT_MSG_EQ(r.GetDestinationPort(), 0xabcd, "round trip dport");
            NS_TEST_EXPECT_MSG_EQ(r.GetSenderId(), 0x0102030405060708ULL, "round trip id");
            NS_TEST_EXPECT_MSG_EQ(+r.GetType(), 0x10, "round trip type");
            std::ostringstream os;
            r.Print(os);
            NS_TEST_EXPECT_MSG_EQ(os.str(),
                                  "DATA 4660 > 43981 id=72623859790382856 len=1000000 "
                                  "off=16909060 incoming=11189196 cutoff_version=3021 "
                                  "retransmit ack=1234605616436508552:39338",
                                  "printed form");
        }
        {
            // The incast optimization's mark rides in the window field (Linux leaves it 0).
            HomaDataHeader m = d;
            m.SetWindow(300);
            auto mb = Serialize(m);
            NS_TEST_EXPECT_MSG_EQ(Be(mb, 14, 2), 300, "incast limit in the window field");
            Ptr<Packet> p = Create<Packet>(10);
            p->AddHeader(m);
            HomaDataHeader r;
            p->RemoveHeader(r);
            NS_TEST_EXPECT_MSG_EQ(r.GetWindow(), 300, "round trip window");
            std::ostringstream os;
            r.Print(os);
            NS_TEST_EXPECT_MSG_EQ(os.str().substr(0, 54),
                                  "DATA 4660 > 43981 id=72623859790382856 incastLimit=300",
                                  "printed with its mark");
        }

        // GRANT.
        HomaGrantHeader g;
        FillCommon(g);
        g.SetOffset(0xdeadbeef);
        g.SetPriority(5);
        b = Serialize(g);
        NS_TEST_ASSERT_MSG_EQ(b.size(), 33, "GRANT header is 33 bytes");
        CheckCommon(b, 0x11, 0x50);
        NS_TEST_EXPECT_MSG_EQ(Be(b, 28, 4), 0xdeadbeef, "grant offset at 28");
        NS_TEST_EXPECT_MSG_EQ(+b[32], 5, "grant priority at 32");
        {
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(g);
            HomaGrantHeader r;
            p->RemoveHeader(r);
            NS_TEST_EXPECT_MSG_EQ(r.GetOffset(), 0xdeadbeef, "round trip grant offset");
            NS_TEST_EXPECT_MSG_EQ(+r.GetPriority(), 5, "round trip grant priority");
        }

        // RESEND.
        HomaResendHeader rs;
        FillCommon(rs);
        rs.SetOffset(1424);
        rs.SetLength(HomaResendHeader::ALL);
        rs.SetPriority(7);
        b = Serialize(rs);
        NS_TEST_ASSERT_MSG_EQ(b.size(), 37, "RESEND header is 37 bytes");
        CheckCommon(b, 0x12, 0x50);
        NS_TEST_EXPECT_MSG_EQ(Be(b, 28, 4), 1424, "resend offset at 28");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 32, 4), 0xffffffff, "resend length -1 at 32");
        NS_TEST_EXPECT_MSG_EQ(+b[36], 7, "resend priority at 36");
        {
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(rs);
            HomaResendHeader r;
            p->RemoveHeader(r);
            NS_TEST_EXPECT_MSG_EQ(r.GetOffset(), 1424, "round trip resend offset");
            NS_TEST_EXPECT_MSG_EQ(r.GetLength(), HomaResendHeader::ALL, "round trip length");
            NS_TEST_EXPECT_MSG_EQ(+r.GetPriority(), 7, "round trip resend priority");
        }

        // CUTOFFS.
        HomaCutoffsHeader c;
        FillCommon(c);
        c.SetCutoffs({1000000, 12288, 2112, 1280, 832, 576, 384, 192});
        c.SetCutoffVersion(0x4242);
        b = Serialize(c);
        NS_TEST_ASSERT_MSG_EQ(b.size(), 62, "CUTOFFS header is 62 bytes");
        CheckCommon(b, 0x15, 0x50);
        const uint32_t expected[8] = {1000000, 12288, 2112, 1280, 832, 576, 384, 192};
        for (int i = 0; i < 8; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(Be(b, 28 + 4 * i, 4), expected[i], "cutoff " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(Be(b, 60, 2), 0x4242, "cutoff_version at 60");
        {
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(c);
            HomaCutoffsHeader r;
            p->RemoveHeader(r);
            NS_TEST_EXPECT_MSG_EQ(r.GetCutoffs()[1], 12288, "round trip cutoffs");
            NS_TEST_EXPECT_MSG_EQ(r.GetCutoffVersion(), 0x4242, "round trip version");
        }

        // ACK.
        HomaAckHeader a;
        FillCommon(a);
        for (uint16_t k = 0; k < 5; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(a.AddAck(HomaAck{100u + 2 * k, uint16_t(7000 + k)}), true, "add");
        }
        NS_TEST_EXPECT_MSG_EQ(a.AddAck(HomaAck{200, 1}), false, "a sixth ack does not fit");
        b = Serialize(a);
        NS_TEST_ASSERT_MSG_EQ(b.size(), 80, "ACK header is 80 bytes");
        CheckCommon(b, 0x18, 0x50);
        NS_TEST_EXPECT_MSG_EQ(Be(b, 28, 2), 5, "num_acks at 28");
        for (int k = 0; k < 5; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(Be(b, 30 + 10 * k, 8), 100u + 2 * k, "ack client_id " << k);
            NS_TEST_EXPECT_MSG_EQ(Be(b, 38 + 10 * k, 2), 7000u + k, "ack server_port " << k);
        }
        {
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(a);
            HomaAckHeader r;
            p->RemoveHeader(r);
            NS_TEST_EXPECT_MSG_EQ(r.GetAcks().size(), 5, "round trip acks");
            NS_TEST_EXPECT_MSG_EQ(r.GetAcks()[4].clientId, 108, "round trip ack id");
        }
        NS_TEST_EXPECT_MSG_EQ(HomaCommonHeader::HeaderSize(0x99), 0, "unknown type has no size");
        NS_TEST_EXPECT_MSG_EQ(std::string(HomaCommonHeader::TypeName(0x13)), "RPC_UNKNOWN", "name");
    }
};

/// Where DATA offsets travel, checksums, multi-segment packets and CUTOFFS entry 0, as
/// HomaModule 9edb958 sends them.
class HomaLinuxFieldsTest : public TestCase
{
  public:
    HomaLinuxFieldsTest()
        : TestCase("DATA offsets in sequence or seg.offset, TCP-style checksums, segments")
    {
    }

  private:
    void DoRun() override
    {
        // A first transmission: the offset in sequence, seg.offset -1 (homa_tx_data_pkt_alloc).
        HomaDataHeader d;
        FillCommon(d);
        d.SetMessageLength(20000);
        d.SetOffset(2848);
        auto b = Serialize(d);
        NS_TEST_EXPECT_MSG_EQ(Be(b, 4, 4), 2848, "sequence carries the offset");
        NS_TEST_EXPECT_MSG_EQ(Be(b, 52, 4), 0xffffffff, "seg.offset -1 on a first send");
        HomaDataHeader r;
        Ptr<Packet> p = homatest::FromBytes(b);
        p->RemoveHeader(r);
        NS_TEST_EXPECT_MSG_EQ(r.GetOffset(), 2848, "offset read from sequence");
        NS_TEST_EXPECT_MSG_EQ(r.GetSegOffsetField(), 0xffffffff, "seg field as sent");
        NS_TEST_EXPECT_MSG_EQ(r.IsSegmented(), false, "doff 0xE0: one segment");

        // seg.offset wins over sequence when it is not -1 (a TSO-cut segment's sequence is
        // not its offset).
        b[4] = 0x77;
        for (int k = 0; k < 4; ++k)
        {
            b[52 + k] = static_cast<uint8_t>(4272 >> (24 - 8 * k));
        }
        b[12] = 0xd0;
        p = homatest::FromBytes(b);
        p->RemoveHeader(r);
        NS_TEST_EXPECT_MSG_EQ(r.GetOffset(), 4272, "offset read from seg.offset");
        NS_TEST_EXPECT_MSG_EQ(r.IsSegmented(), true, "doff 0xD0: segmented");

        // Checksum: TCP's pseudo-header (protocol 6) over header and payload.
        Ipv4Address src("10.0.0.1");
        Ipv4Address dst("10.0.0.10");
        HomaDataHeader c = d;
        c.EnableChecksum(src, dst);
        std::vector<uint8_t> payload(333);
        for (size_t k = 0; k < payload.size(); ++k)
        {
            payload[k] = static_cast<uint8_t>(k * 7 + 3);
        }
        p = Create<Packet>(payload.data(), payload.size());
        p->AddHeader(c);
        NS_TEST_EXPECT_MSG_EQ(HomaCommonHeader::ChecksumOk(p, src, dst), true, "checksum verifies");
        NS_TEST_EXPECT_MSG_EQ(HomaCommonHeader::ChecksumOk(p, src, Ipv4Address("10.0.0.11")),
                              false,
                              "another destination does not verify");
        // By hand: the one's-complement sum of pseudo-header and packet, complemented.
        auto bytes = homatest::Bytes(p);
        uint32_t sum = 0x0a00 + 0x0001 + 0x0a00 + 0x000a + 6 + uint32_t(bytes.size());
        for (size_t k = 0; k < bytes.size(); k += 2)
        {
            if (k == 16)
            {
                continue; // the checksum itself counts as 0
            }
            sum += (uint32_t(bytes[k]) << 8) | (k + 1 < bytes.size() ? bytes[k + 1] : 0);
        }
        while (sum >> 16)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        NS_TEST_EXPECT_MSG_EQ(Be(bytes, 16, 2), ((~sum) & 0xffff), "checksum by hand");
        bytes[100] ^= 1;
        NS_TEST_EXPECT_MSG_EQ(HomaCommonHeader::ChecksumOk(homatest::FromBytes(bytes), src, dst),
                              false,
                              "a flipped payload bit breaks it");
        HomaGrantHeader g;
        FillCommon(g);
        g.SetOffset(30000);
        g.EnableChecksum(src, dst);
        Ptr<Packet> gp = Create<Packet>();
        gp->AddHeader(g);
        NS_TEST_EXPECT_MSG_EQ(HomaCommonHeader::ChecksumOk(gp, src, dst), true, "GRANT checksum");

        // A multi-segment packet: 1000 + 1000 + 500 bytes from offset 10000, a 4-byte offset
        // before each segment after the first (homa_fill_data_interleaved).
        std::vector<uint8_t> gso;
        for (uint32_t seg = 0; seg < 3; ++seg)
        {
            uint32_t off = 10000 + 1000 * seg;
            if (seg > 0)
            {
                for (int k = 0; k < 4; ++k)
                {
                    gso.push_back(static_cast<uint8_t>(off >> (24 - 8 * k)));
                }
            }
            for (uint32_t k = 0; k < (seg < 2 ? 1000U : 500U); ++k)
            {
                gso.push_back(static_cast<uint8_t>((off + k) % 251));
            }
        }
        auto segments = HomaDataHeader::SplitSegments(homatest::FromBytes(gso), 10000);
        NS_TEST_ASSERT_MSG_EQ(segments.size(), 3, "three segments");
        for (uint32_t seg = 0; seg < 3; ++seg)
        {
            NS_TEST_EXPECT_MSG_EQ(segments[seg].first, 10000 + 1000 * seg, "segment offset");
            auto data = homatest::Bytes(segments[seg].second);
            NS_TEST_ASSERT_MSG_EQ(data.size(), (seg < 2 ? 1000U : 500U), "segment length");
            bool same = true;
            for (uint32_t k = 0; k < data.size(); ++k)
            {
                same = same && data[k] == (segments[seg].first + k) % 251;
            }
            NS_TEST_EXPECT_MSG_EQ(same, true, "segment " << seg << " bytes");
        }
        // Plain data (no consistent segment header) is one segment.
        auto one = HomaDataHeader::SplitSegments(Create<Packet>(1400), 0);
        NS_TEST_ASSERT_MSG_EQ(one.size(), 1, "one segment");
        NS_TEST_EXPECT_MSG_EQ(one[0].second->GetSize(), 1400, "whole payload");
    }
};

/**
 * Packets Linux Homa sent, byte for byte: one of each kind, captured from HomaModule 9edb958
 * (Debian's 6.12.117 kernel) in utils/interop-test.sh's guest, case c, and picked with
 * utils/interop/extract-vectors.py. Each holds the IPv4 addresses, the Homa packet's length
 * and its header (DATA: and 8 payload bytes).
 */
namespace
{

/// One captured packet.
struct LinuxPacket
{
    const char* kind;           //!< what it is
    const char* source;         //!< IPv4 source
    const char* destination;    //!< IPv4 destination
    uint32_t length;            //!< Homa bytes on the wire (header and payload)
    std::vector<uint8_t> bytes; //!< the first bytes
};

// clang-format off
const std::vector<LinuxPacket> kLinuxPackets = {
    {"DATA", "10.0.0.10", "10.0.0.1", 132, {0x80, 0x00, 0x23, 0x28, 0x00, 0x00, 0x05, 0x90, 0x00, 0x00, 0x00, 0x10, 0xe0, 0x06, 0x00, 0x00, 0x14, 0x95, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x05, 0xdc, 0x00, 0x00, 0x05, 0xdc, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x41, 0x58, 0x74, 0xed, 0x22, 0xf0, 0x02, 0x76}},
    {"DATA retransmission", "10.0.0.10", "10.0.0.1", 1480, {0x80, 0x00, 0x23, 0x28, 0x00, 0x00, 0x8b, 0x10, 0x00, 0x00, 0x00, 0x10, 0xe0, 0x06, 0x00, 0x00, 0x19, 0xd9, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0e, 0x00, 0x00, 0xfa, 0x00, 0x00, 0x00, 0x90, 0xa0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8b, 0x10, 0xda, 0xee, 0x37, 0x15, 0x44, 0x94, 0x4b, 0xf9}},
    {"GRANT", "10.0.0.10", "10.0.0.1", 33, {0x80, 0x00, 0x23, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x50, 0x06, 0x00, 0x00, 0x14, 0x32, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0e, 0x00, 0x00, 0xfa, 0x00, 0x00}},
    {"RESEND", "10.0.0.10", "10.0.0.1", 37, {0x80, 0x00, 0x23, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x50, 0x06, 0x00, 0x00, 0x14, 0x36, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x07}},
    {"RPC_UNKNOWN", "10.0.0.10", "10.0.0.2", 28, {0x0f, 0xa0, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x13, 0x50, 0x06, 0x00, 0x00, 0x14, 0x2e, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09}},
    {"BUSY", "10.0.0.10", "10.0.0.1", 28, {0x80, 0x00, 0x23, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x50, 0x06, 0x00, 0x00, 0x14, 0x2d, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2c}},
    {"CUTOFFS", "10.0.0.10", "10.0.0.1", 62, {0x80, 0x00, 0x23, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0x50, 0x06, 0x00, 0x00, 0x14, 0x4f, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x42, 0x40, 0x00, 0x00, 0x3a, 0x98, 0x00, 0x00, 0x0a, 0xf0, 0x00, 0x00, 0x00, 0xc8, 0x00, 0x01}},
    {"NEED_ACK", "10.0.0.10", "10.0.0.2", 28, {0x0f, 0xa0, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x17, 0x50, 0x06, 0x00, 0x00, 0x14, 0x2e, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b}},
    {"ACK", "10.0.0.10", "10.0.0.1", 80, {0x80, 0x00, 0x23, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x18, 0x50, 0x06, 0x00, 0x00, 0x14, 0x61, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x23, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}},
    {"ACK (none piggy-backed)", "10.0.0.10", "10.0.0.1", 80, {0x80, 0x00, 0x23, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x18, 0x50, 0x06, 0x00, 0x00, 0x14, 0x61, 0xb9, 0x7d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}},
};
// clang-format on

} // namespace

/// Captured Linux packets decode field for field, and Linux's DATA is accepted.
class HomaLinuxCaptureTest : public TestCase
{
  public:
    HomaLinuxCaptureTest()
        : TestCase("packets captured from HomaModule 9edb958 decode field for field")
    {
    }

  private:
    /// \return the packet of that kind
    static const LinuxPacket& Find(const std::string& kind)
    {
        for (const auto& v : kLinuxPackets)
        {
            if (kind == v.kind)
            {
                return v;
            }
        }
        NS_ABORT_MSG("no captured " << kind);
    }

    /// \return the packet as ns-3 would receive it (payload zero-filled past the kept bytes)
    static Ptr<Packet> Whole(const LinuxPacket& v)
    {
        std::vector<uint8_t> b = v.bytes;
        b.resize(v.length, 0);
        return homatest::FromBytes(b);
    }

    void DoRun() override
    {
        for (const auto& v : kLinuxPackets)
        {
            HomaCommonHeader c;
            Whole(v)->PeekHeader(c);
            NS_TEST_EXPECT_MSG_EQ(+c.GetFlags(), 6, v.kind << ": flags");
            NS_TEST_EXPECT_MSG_EQ(c.GetUrgent(), 0xb97d, v.kind << ": urgent");
            NS_TEST_EXPECT_MSG_EQ(Be(v.bytes, 14, 2), 0, v.kind << ": window");
            bool data = c.GetType() == HomaCommonHeader::DATA;
            NS_TEST_EXPECT_MSG_EQ(+c.GetDoff(), (data ? 0xe0 : 0x50), v.kind << ": doff");
            if (!data)
            {
                NS_TEST_EXPECT_MSG_EQ(v.length, HomaCommonHeader::HeaderSize(c.GetType()), v.kind);
            }
            // Linux leaves the checksum to the NIC (CHECKSUM_PARTIAL): captured before it,
            // the field holds the pseudo-header's folded sum, TCP's protocol 6 included.
            uint32_t s = Ipv4Address(v.source).Get();
            uint32_t d = Ipv4Address(v.destination).Get();
            uint32_t sum = (s >> 16) + (s & 0xffff) + (d >> 16) + (d & 0xffff) + 6 + v.length;
            sum = (sum & 0xffff) + (sum >> 16);
            NS_TEST_EXPECT_MSG_EQ(c.GetChecksum(), sum, v.kind << ": pseudo-header sum");
        }

        // A first transmission: offset 1424 in sequence, seg.offset -1.
        HomaDataHeader h;
        Ptr<Packet> p = Whole(Find("DATA"));
        p->RemoveHeader(h);
        NS_TEST_EXPECT_MSG_EQ(h.GetSourcePort(), 32768, "client port");
        NS_TEST_EXPECT_MSG_EQ(h.GetDestinationPort(), 9000, "server port");
        NS_TEST_EXPECT_MSG_EQ(h.GetSenderId(), 8, "client id 8");
        NS_TEST_EXPECT_MSG_EQ(h.GetSegOffsetField(), 0xffffffff, "seg.offset -1");
        NS_TEST_EXPECT_MSG_EQ(h.GetOffset(), 1424, "offset from sequence");
        NS_TEST_EXPECT_MSG_EQ(h.GetMessageLength(), 1500, "message length");
        NS_TEST_EXPECT_MSG_EQ(h.GetIncoming(), 1500, "incoming: the unscheduled bytes (all)");
        NS_TEST_EXPECT_MSG_EQ(h.GetCutoffVersion(), 1, "cutoff version");
        NS_TEST_EXPECT_MSG_EQ(h.GetRetransmit(), false, "not a retransmission");
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 76, "the message's last 76 bytes");

        // A retransmission: the offset in both fields, incoming the end of the range.
        p = Whole(Find("DATA retransmission"));
        p->RemoveHeader(h);
        NS_TEST_EXPECT_MSG_EQ(h.GetRetransmit(), true, "retransmit 1");
        NS_TEST_EXPECT_MSG_EQ(h.GetSequence(), 35600, "sequence");
        NS_TEST_EXPECT_MSG_EQ(h.GetSegOffsetField(), 35600, "seg.offset");
        NS_TEST_EXPECT_MSG_EQ(h.GetOffset(), 35600, "offset");
        NS_TEST_EXPECT_MSG_EQ(h.GetMessageLength(), 64000, "message length");
        NS_TEST_EXPECT_MSG_EQ(h.GetIncoming(), 35600 + 1424, "incoming: end of the range");

        HomaGrantHeader g;
        Whole(Find("GRANT"))->PeekHeader(g);
        NS_TEST_EXPECT_MSG_EQ(g.GetOffset(), 64000, "grant offset");
        NS_TEST_EXPECT_MSG_EQ(+g.GetPriority(), 0, "grant priority");
        NS_TEST_EXPECT_MSG_EQ(g.GetSenderId(), 14, "grant for client RPC 14");

        HomaResendHeader r;
        Whole(Find("RESEND"))->PeekHeader(r);
        NS_TEST_EXPECT_MSG_EQ(r.GetOffset(), 0, "resend from 0");
        NS_TEST_EXPECT_MSG_EQ(r.GetLength(), HomaResendHeader::ALL, "everything sent");
        NS_TEST_EXPECT_MSG_EQ(+r.GetPriority(), 7, "num_priorities - 1");

        HomaCommonHeader u;
        Whole(Find("RPC_UNKNOWN"))->PeekHeader(u);
        NS_TEST_EXPECT_MSG_EQ(+u.GetType(), 0x13, "RPC_UNKNOWN");
        NS_TEST_EXPECT_MSG_EQ(u.GetSourcePort(), 4000, "from util/server's port");
        NS_TEST_EXPECT_MSG_EQ(u.GetSenderId(), 9, "the server's id (odd)");

        HomaCutoffsHeader co;
        Whole(Find("CUTOFFS"))->PeekHeader(co);
        const std::array<uint32_t, 8> cutoffs = {0, 0, 0, 0, 1000000, 15000, 2800, 200};
        NS_TEST_EXPECT_MSG_EQ((co.GetCutoffs() == cutoffs), true, "Linux's default cutoffs");
        NS_TEST_EXPECT_MSG_EQ(co.GetCutoffVersion(), 1, "version 1");

        HomaAckHeader a;
        Whole(Find("ACK"))->PeekHeader(a);
        NS_TEST_ASSERT_MSG_EQ(a.GetNumAcks(), 1, "one ack");
        NS_TEST_EXPECT_MSG_EQ(a.GetAcks()[0].clientId, 8, "acked client id");
        NS_TEST_EXPECT_MSG_EQ(a.GetAcks()[0].serverPort, 9000, "acked server port");
        Whole(Find("ACK (none piggy-backed)"))->PeekHeader(a);
        NS_TEST_EXPECT_MSG_EQ(a.GetNumAcks(), 0, "an ACK for the header's RPC alone");

        // Linux's DATA reaches a socket: a server on port 9000 gets the request's bytes.
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper internet;
        internet.Install(node);
        HomaHelper helper;
        Ptr<HomaL4Protocol> homa = helper.Install(node);
        Ptr<HomaSocket> socket = DynamicCast<HomaSocket>(homa->CreateSocket());
        socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
        Ipv4Header ip;
        ip.SetSource(Ipv4Address("10.0.0.10"));
        ip.SetDestination(Ipv4Address("10.0.0.1"));
        ip.SetProtocol(146);
        // The message's first packet (offset 0, 1424 bytes) rebuilt as Linux sends it, then
        // the captured second one.
        std::vector<uint8_t> first = Find("DATA").bytes;
        first.resize(56);
        for (int k = 4; k < 8; ++k)
        {
            first[k] = 0; // sequence 0
        }
        std::vector<uint8_t> head(1424, 0x5a);
        first.insert(first.end(), head.begin(), head.end());
        homa->Receive(homatest::FromBytes(first), ip, nullptr);
        homa->Receive(Whole(Find("DATA")), ip, nullptr);
        HomaSocket::MessageInfo info;
        Ptr<Packet> request = socket->RecvMessage(info);
        NS_TEST_ASSERT_MSG_NE(request, nullptr, "the request was delivered");
        NS_TEST_EXPECT_MSG_EQ(request->GetSize(), 1500, "whole request");
        auto bytes = homatest::Bytes(request);
        const auto& kept = Find("DATA").bytes;
        NS_TEST_EXPECT_MSG_EQ((std::vector<uint8_t>(bytes.begin() + 1424, bytes.begin() + 1432) ==
                               std::vector<uint8_t>(kept.begin() + 56, kept.end())),
                              true,
                              "Linux's bytes at offset 1424");
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().malformedPackets, 0, "nothing malformed");
        Simulator::Destroy();
    }
};

/// Malformed, truncated and random packets are counted and dropped; nothing crashes.
class HomaMalformedTest : public TestCase
{
  public:
    HomaMalformedTest()
        : TestCase("malformed and truncated packets are counted and dropped")
    {
    }

  private:
    Ptr<Packet> Data(uint32_t length, uint32_t offset, uint32_t payload, uint64_t id)
    {
        HomaDataHeader h;
        h.SetSourcePort(40000);
        h.SetDestinationPort(100);
        h.SetSenderId(id);
        h.SetMessageLength(length);
        h.SetIncoming(length);
        h.SetOffset(offset);
        Ptr<Packet> p = Create<Packet>(payload);
        p->AddHeader(h);
        return p;
    }

    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper internet;
        internet.Install(node);
        HomaHelper helper;
        Ptr<HomaL4Protocol> homa = helper.Install(node);
        Ptr<Socket> socket = homa->CreateSocket();
        socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 100));
        uint32_t drops = 0;
        homa->TraceConnectWithoutContext("Drop", MakeBoundCallback(&CountDrop, &drops));

        Ipv4Header ip;
        ip.SetSource(Ipv4Address("10.9.9.9"));
        ip.SetDestination(Ipv4Address("10.0.0.1"));
        ip.SetProtocol(146);
        auto rx = [&](Ptr<Packet> p) { homa->Receive(p, ip, nullptr); };

        rx(Create<Packet>(10));
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().shortPackets, 1, "10-byte packet is short");

        HomaCommonHeader bogus;
        bogus.SetType(0x99);
        bogus.SetDestinationPort(100);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(bogus);
        rx(p);
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().unknownPacketTypes, 1, "type 0x99 unknown");

        // A DATA common header with nothing after it: truncated.
        HomaCommonHeader truncated;
        truncated.SetType(HomaCommonHeader::DATA);
        truncated.SetDestinationPort(100);
        p = Create<Packet>(12);
        p->AddHeader(truncated);
        rx(p);
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().shortPackets, 2, "40-byte DATA is truncated");

        rx(Data(0, 0, 10, 2));       // zero length
        rx(Data(2000000, 0, 10, 2)); // longer than 1 MB
        rx(Data(100, 100, 10, 2));   // offset past the end
        rx(Data(100, 95, 10, 2));    // runs past the end
        rx(Data(100, 0, 0, 2));      // no payload
        rx(Data(100, 0, 10, 0));     // id 0
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().malformedPackets, 6, "six inconsistent DATA");
        NS_TEST_EXPECT_MSG_EQ(homa->GetNumRpcs(), 0, "no RPC created by malformed DATA");

        HomaAckHeader ack;
        ack.SetDestinationPort(100);
        ack.SetSenderId(4);
        p = Create<Packet>();
        p->AddHeader(ack);
        auto raw = homatest::Bytes(p);
        raw[29] = 9; // num_acks = 9
        rx(Create<Packet>(raw.data(), raw.size()));
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().malformedPackets, 7, "ACK with 9 acks");

        HomaResendHeader resend;
        resend.SetDestinationPort(100);
        resend.SetSenderId(77);
        p = Create<Packet>();
        p->AddHeader(resend);
        rx(p);
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().unknownRpcs, 1, "RESEND for unknown RPC");
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().packetsSent[HomaCommonHeader::RPC_UNKNOWN -
                                                             HomaCommonHeader::TYPE_FIRST],
                              1,
                              "answered with RPC_UNKNOWN");

        rx(Data(100, 0, 10, 2)); // to a port with no socket? no: port 100 exists
        NS_TEST_EXPECT_MSG_EQ(homa->GetNumRpcs(), 1, "a valid DATA starts a server RPC");
        rx(Data(100, 5, 10, 2)); // [5, 15): overlaps [5, 10), held; keeps [10, 15)
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().packetDiscards, 0, "a partial overlap kept");
        rx(Data(100, 3, 10, 2)); // [3, 13): every byte held
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().packetDiscards, 1, "a full overlap discarded");
        rx(Data(200, 20, 10, 2)); // length changed: reception restarts at 200 bytes
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().malformedPackets,
                              7,
                              "a length change is no error");
        NS_TEST_EXPECT_MSG_EQ(homa->GetMetrics().messageRestarts, 1, "the message restarted");
        NS_TEST_EXPECT_MSG_EQ(homa->GetNumRpcs(), 1, "still the one server RPC");

        uint32_t before = drops;
        // A barrage of random bytes, with the type byte forced to every value now and then.
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(7);
        for (int k = 0; k < 2000; ++k)
        {
            uint32_t size = u->GetInteger(0, 200);
            std::vector<uint8_t> bytes(size);
            for (auto& x : bytes)
            {
                x = static_cast<uint8_t>(u->GetInteger(0, 255));
            }
            if (size >= 28)
            {
                bytes[2] = 0;
                bytes[3] = 100; // our port
                bytes[11] = static_cast<uint8_t>(0x10 + k % 10);
            }
            rx(homatest::FromBytes(bytes));
        }
        NS_TEST_EXPECT_MSG_GT(drops - before, 1000, "most random packets dropped");

        // The garbage may have created server RPCs; the timer must free them.
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(homa->GetNumRpcs(), 0, "timeouts free RPCs made by garbage");
        NS_TEST_EXPECT_MSG_GT(homa->GetMetrics().serverRpcDiscards, 0, "server RPCs discarded");
        Simulator::Destroy();
    }
};

/// The homa-header suite.
class HomaHeaderTestSuite : public TestSuite
{
  public:
    HomaHeaderTestSuite()
        : TestSuite("homa-header", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaHeaderLayoutTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaLinuxFieldsTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaLinuxCaptureTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaMalformedTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaHeaderTestSuite g_homaHeaderTestSuite; //!< registers the suite
