/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-message: unit tests of the per-message state (packetization, grants,
// retransmission, reassembly and gaps), of the cutoffs and of the peer table.

#include "homa-test-util.h"

#include "ns3/homa-cutoffs.h"
#include "ns3/homa-message.h"
#include "ns3/homa-peer.h"
#include "ns3/message-stats.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <unordered_set>

using namespace ns3;

/// Outbound message: packets, unscheduled bytes, grants, retransmissions.
class HomaOutboundTest : public TestCase
{
  public:
    HomaOutboundTest()
        : TestCase("outbound message packetization, grants and retransmission")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Packet> msg = homatest::MakeMessage(30000, 1);
        // Rounded up to whole packets (HomaModule before ca8782f; UnschedWholePackets true).
        HomaOutboundMessage out(msg, 1424, 10000, true);
        NS_TEST_EXPECT_MSG_EQ(out.GetUnscheduled(), 8 * 1424, "10000 B rounds up to 8 packets");
        NS_TEST_EXPECT_MSG_EQ(out.GetGranted(), 11392, "granted starts at unscheduled");
        std::vector<uint32_t> offsets;
        while (out.HasPacketReady())
        {
            auto next = out.TakeNextPacket();
            NS_TEST_EXPECT_MSG_EQ(next.retransmit, false, "new data");
            NS_TEST_EXPECT_MSG_EQ(next.size, 1424, "full packets");
            offsets.push_back(next.offset);
        }
        NS_TEST_EXPECT_MSG_EQ(offsets.size(), 8, "eight unscheduled packets");
        NS_TEST_EXPECT_MSG_EQ(offsets.back(), 7 * 1424, "last at 9968");
        NS_TEST_EXPECT_MSG_EQ(out.HasGrantedUnsent(), false, "waits for grants");
        NS_TEST_EXPECT_MSG_EQ(out.Grant(10000), false, "a lower grant changes nothing");
        NS_TEST_EXPECT_MSG_EQ(out.Grant(12000), true, "grant into packet 9");
        NS_TEST_EXPECT_MSG_EQ(out.GetIncoming(), 9 * 1424, "the whole 9th packet is promised");
        auto next = out.TakeNextPacket();
        NS_TEST_EXPECT_MSG_EQ(next.offset, 11392, "9th packet");
        NS_TEST_EXPECT_MSG_EQ(out.HasPacketReady(), false, "nothing beyond the grant");
        NS_TEST_EXPECT_MSG_EQ(out.GetBytesLeft(), 30000 - 9 * 1424, "bytes left");

        NS_TEST_EXPECT_MSG_EQ(out.QueueRetransmit(1500, 3000, 7), 2, "packets 1 and 2 overlap");
        NS_TEST_EXPECT_MSG_EQ(out.QueueRetransmit(1424, 1500, 7), 0, "already queued");
        NS_TEST_EXPECT_MSG_EQ(out.QueueRetransmit(20000, 30000, 7), 0, "never sent: not resent");
        next = out.TakeNextPacket();
        NS_TEST_EXPECT_MSG_EQ(next.retransmit, true, "retransmissions first");
        NS_TEST_EXPECT_MSG_EQ(next.offset, 1424, "lowest first");
        NS_TEST_EXPECT_MSG_EQ(+next.priority, 7, "at the asked priority");
        NS_TEST_EXPECT_MSG_EQ(next.rangeEnd, 3000, "the asked range's end (DATA incoming)");
        NS_TEST_EXPECT_MSG_EQ(out.TakeNextPacket().offset, 2848, "then packet 2");

        out.Grant(1000000);
        NS_TEST_EXPECT_MSG_EQ(out.GetGranted(), 30000, "grants are capped at the length");
        uint32_t last = 0;
        while (out.HasPacketReady())
        {
            next = out.TakeNextPacket();
            last = next.size;
        }
        NS_TEST_EXPECT_MSG_EQ(last, 30000 - 21 * 1424, "short last packet");
        NS_TEST_EXPECT_MSG_EQ(out.IsFullySent(), true, "all sent");
        auto bytes = homatest::Bytes(out.GetFragment(1424, 10));
        auto whole = homatest::Bytes(msg);
        NS_TEST_EXPECT_MSG_EQ(
            (bytes == std::vector<uint8_t>(whole.begin() + 1424, whole.begin() + 1434)),
            true,
            "fragment bytes");
        out.Restart();
        NS_TEST_EXPECT_MSG_EQ(out.GetNextOffset(), 0, "restart from 0");

        HomaOutboundMessage tiny(homatest::MakeMessage(1, 2), 1424, 10000);
        NS_TEST_EXPECT_MSG_EQ(tiny.GetUnscheduled(), 1, "1-byte message fully unscheduled");
    }
};

/**
 * Outbound message with exactly 9,328 unscheduled bytes (the paper's simulator): six full
 * packets and one of 784 bytes, then scheduled packets from 9,328 on; grants, the bytes
 * promised and retransmissions follow that grid; the wire-byte count agrees.
 */
class HomaOutboundExactTest : public TestCase
{
  public:
    HomaOutboundExactTest()
        : TestCase("outbound message: exact unscheduled bytes, the last unscheduled packet short")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Packet> msg = homatest::MakeMessage(20000, 3);
        HomaOutboundMessage out(msg, 1424, 9328, false);
        NS_TEST_EXPECT_MSG_EQ(out.GetUnscheduled(), 9328, "exactly 9328");
        NS_TEST_EXPECT_MSG_EQ(out.GetIncoming(), 9328, "9328 promised");
        std::vector<std::pair<uint32_t, uint32_t>> sent;
        while (out.HasPacketReady())
        {
            auto next = out.TakeNextPacket();
            sent.emplace_back(next.offset, next.size);
        }
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 7, "seven unscheduled packets");
        NS_TEST_EXPECT_MSG_EQ(sent[5].second, 1424, "the sixth full");
        NS_TEST_EXPECT_MSG_EQ(sent[6].first, 6 * 1424, "the seventh at 8544");
        NS_TEST_EXPECT_MSG_EQ(sent[6].second, 784, "cut short at 9328");
        NS_TEST_EXPECT_MSG_EQ(out.Grant(9329), true, "one byte past the unscheduled part");
        NS_TEST_EXPECT_MSG_EQ(out.GetIncoming(), 9328 + 1424, "promises the whole packet");
        auto next = out.TakeNextPacket();
        NS_TEST_EXPECT_MSG_EQ(next.offset, 9328, "scheduled packets start at 9328");
        NS_TEST_EXPECT_MSG_EQ(next.size, 1424, "full");
        NS_TEST_EXPECT_MSG_EQ(out.QueueRetransmit(9000, 9400, 7), 2, "the 784 and the next");
        NS_TEST_EXPECT_MSG_EQ(out.TakeNextPacket().offset, 8544, "resent from 8544");
        next = out.TakeNextPacket();
        NS_TEST_EXPECT_MSG_EQ(next.offset, 9328, "and 9328");
        NS_TEST_EXPECT_MSG_EQ(next.size, 1424, "the same cut as before");
        out.Grant(20000);
        uint32_t packets = 8;
        uint32_t bytes = 9328 + 1424;
        while (out.HasPacketReady())
        {
            next = out.TakeNextPacket();
            NS_TEST_EXPECT_MSG_EQ(next.offset, bytes, "contiguous");
            bytes += next.size;
            ++packets;
        }
        NS_TEST_EXPECT_MSG_EQ(bytes, 20000, "every byte once");
        NS_TEST_EXPECT_MSG_EQ(packets, 15, "7 + ceil(10672 / 1424) = 15 packets");
        // Request 20000 B: 15 DATA packets (78 B each beyond the payload), 8 grants (55 B
        // each with IP and PPP); no response.
        NS_TEST_EXPECT_MSG_EQ(MessageStats::RpcWireBytes(20000, 9328, 0, 1500, false),
                              20000 + 15 * 78 + 8 * 55,
                              "wire bytes, exact");
        NS_TEST_EXPECT_MSG_EQ(MessageStats::RpcWireBytes(20000, 9328, 0, 1500, true),
                              20000 + 15 * 78 + 8 * 55,
                              "wire bytes, rounded up (7 unscheduled packets too)");
        NS_TEST_EXPECT_MSG_EQ(MessageStats::RpcWireBytes(9400, 9328, 0, 1500, false),
                              9400 + 8 * 78 + 1 * 55,
                              "a message just over: one scheduled packet of 72 B");
        NS_TEST_EXPECT_MSG_EQ(MessageStats::RpcWireBytes(9400, 9328, 0, 1500, true),
                              9400 + 7 * 78,
                              "rounded up: all seven packets unscheduled");
        HomaOutboundMessage small(homatest::MakeMessage(5000, 4), 1424, 9328, false);
        NS_TEST_EXPECT_MSG_EQ(small.GetUnscheduled(), 5000, "a short message all unscheduled");
    }
};

/// Inbound message: out-of-order reassembly, duplicates, gaps.
class HomaInboundTest : public TestCase
{
  public:
    HomaInboundTest()
        : TestCase("inbound message reassembly, duplicates and gaps")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Packet> msg = homatest::MakeMessage(5000, 3);
        HomaInboundMessage in(5000, 3000);
        auto frag = [&](uint32_t off, uint32_t len) { return msg->CreateFragment(off, len); };
        NS_TEST_EXPECT_MSG_EQ(in.Add(2000, frag(2000, 1000)),
                              HomaInboundMessage::ADDED,
                              "out of order");
        auto gaps = in.GetGaps();
        NS_TEST_ASSERT_MSG_EQ(gaps.size(), 1, "one gap below granted");
        NS_TEST_EXPECT_MSG_EQ(gaps[0].first, 0, "gap starts at 0");
        NS_TEST_EXPECT_MSG_EQ(gaps[0].second, 2000, "gap of 2000");
        NS_TEST_EXPECT_MSG_EQ(in.Add(2500, frag(2500, 100)),
                              HomaInboundMessage::DUPLICATE,
                              "inside the held bytes");
        // A packet overlapping the held bytes keeps the part that fills the gap.
        NS_TEST_EXPECT_MSG_EQ(in.Add(1500, frag(1500, 600)),
                              HomaInboundMessage::ADDED,
                              "overlap before: [1500, 2000) kept");
        NS_TEST_EXPECT_MSG_EQ(in.GetReceived(), 1500, "1000 + 500 bytes held");
        NS_TEST_EXPECT_MSG_EQ(in.Add(4990, frag(0, 20)),
                              HomaInboundMessage::INVALID,
                              "past the end");
        NS_TEST_EXPECT_MSG_EQ(in.Add(0, frag(0, 1000)), HomaInboundMessage::ADDED, "first");
        gaps = in.GetGaps();
        NS_TEST_ASSERT_MSG_EQ(gaps.size(), 1, "gap in the middle");
        NS_TEST_EXPECT_MSG_EQ(gaps[0].first, 1000, "gap [1000, 1500)");
        NS_TEST_EXPECT_MSG_EQ(gaps[0].second, 500, "gap length");
        // Cut at other boundaries: [800, 2000) over held [0, 1000) and [1500, 3000).
        NS_TEST_EXPECT_MSG_EQ(in.Add(800, frag(800, 1200)),
                              HomaInboundMessage::ADDED,
                              "fills [1000, 1500) between held bytes");
        NS_TEST_EXPECT_MSG_EQ(in.GetReceived(), 3000, "[0, 3000) held");
        NS_TEST_EXPECT_MSG_EQ(in.HasAllGranted(), true, "all granted bytes held");
        in.SetGranted(4000);
        gaps = in.GetGaps();
        NS_TEST_ASSERT_MSG_EQ(gaps.size(), 1, "gap up to the new grant");
        NS_TEST_EXPECT_MSG_EQ(gaps[0].first, 3000, "from 3000");
        NS_TEST_EXPECT_MSG_EQ(gaps[0].second, 1000, "to 4000");
        // The first copy of a byte wins: [2500, 3000) of this packet differs from what is
        // held and is ignored; its [3000, 3500) fills the gap.
        std::vector<uint8_t> forged = homatest::Bytes(frag(2500, 1000));
        std::fill(forged.begin(), forged.begin() + 500, 0xee);
        NS_TEST_EXPECT_MSG_EQ(in.Add(2500, Create<Packet>(forged.data(), forged.size())),
                              HomaInboundMessage::ADDED,
                              "[3000, 3500) kept");
        NS_TEST_EXPECT_MSG_EQ(in.GetReceived(), 3500, "[0, 3500) held");
        NS_TEST_EXPECT_MSG_EQ(in.Add(3000, frag(3000, 2000)),
                              HomaInboundMessage::ADDED,
                              "the rest ([3500, 5000) of it)");
        NS_TEST_EXPECT_MSG_EQ(in.IsComplete(), true, "complete");
        NS_TEST_EXPECT_MSG_EQ((homatest::Bytes(in.Assemble()) == homatest::Bytes(msg)),
                              true,
                              "byte-exact");
    }
};

/// One packet over several held ranges fills every gap between them, and only those.
class HomaInboundSpanTest : public TestCase
{
  public:
    HomaInboundSpanTest()
        : TestCase("inbound message: a packet spanning two held ranges fills the three gaps")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Packet> msg = homatest::MakeMessage(5000, 9);
        auto frag = [&](uint32_t off, uint32_t len) { return msg->CreateFragment(off, len); };
        HomaInboundMessage in(5000, 5000);
        NS_TEST_EXPECT_MSG_EQ(in.Add(1000, frag(1000, 500)), HomaInboundMessage::ADDED, "a");
        NS_TEST_EXPECT_MSG_EQ(in.Add(2500, frag(2500, 500)), HomaInboundMessage::ADDED, "b");
        // [500, 3500) over held [1000, 1500) and [2500, 3000): keeps [500, 1000),
        // [1500, 2500) and [3000, 3500); the held bytes differ in the new packet and lose.
        std::vector<uint8_t> span = homatest::Bytes(frag(500, 3000));
        std::fill(span.begin() + 500, span.begin() + 1000, 0xee);
        std::fill(span.begin() + 2000, span.begin() + 2500, 0xee);
        NS_TEST_EXPECT_MSG_EQ(in.Add(500, Create<Packet>(span.data(), span.size())),
                              HomaInboundMessage::ADDED,
                              "three gaps filled");
        NS_TEST_EXPECT_MSG_EQ(in.GetReceived(), 3000, "[500, 3500) held");
        std::vector<std::pair<uint32_t, uint32_t>> gaps = in.GetGaps();
        NS_TEST_ASSERT_MSG_EQ(gaps.size(), 2, "before and after");
        NS_TEST_EXPECT_MSG_EQ(gaps[0].first, 0, "[0, 500)");
        NS_TEST_EXPECT_MSG_EQ(gaps[0].second, 500, "500 bytes");
        NS_TEST_EXPECT_MSG_EQ(gaps[1].first, 3500, "[3500, 5000)");
        NS_TEST_EXPECT_MSG_EQ(gaps[1].second, 1500, "1500 bytes");
        NS_TEST_EXPECT_MSG_EQ(in.Add(600, frag(600, 2900)),
                              HomaInboundMessage::DUPLICATE,
                              "every byte held");
        NS_TEST_EXPECT_MSG_EQ(in.Add(0, frag(0, 5000)), HomaInboundMessage::ADDED, "the rest");
        NS_TEST_EXPECT_MSG_EQ(in.IsComplete(), true, "complete");
        NS_TEST_EXPECT_MSG_EQ((homatest::Bytes(in.Assemble()) == homatest::Bytes(msg)),
                              true,
                              "byte-exact: the first copy of each byte won");
    }
};

/**
 * Inbound message memory: a 28.8 MB message of ns-3's zero-filled (virtual) payload, added
 * in 20,225 fragments out of order, is assembled as a virtual payload (its serialised form
 * is a few bytes, not 28.8 MB) and its received bytes are kept as merged ranges; a message
 * whose zero fragments sit between patterned ones assembles byte for byte.
 */
class HomaInboundZeroTest : public TestCase
{
  public:
    HomaInboundZeroTest()
        : TestCase("inbound message: zero-filled payload stays virtual, ranges merge")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t length = 28800000;
        const uint32_t mtu = 1424;
        HomaInboundMessage big(length, length);
        Ptr<Packet> payload = Create<Packet>(length);
        // The second half first, then the first half, one fragment at a time.
        uint32_t half = (length / 2 / mtu) * mtu;
        uint32_t fragments = 0;
        for (uint32_t start : {half, 0u})
        {
            uint32_t stop = start == 0 ? half : length;
            for (uint32_t off = start; off < stop; off += mtu)
            {
                uint32_t n = std::min(mtu, stop - off);
                NS_TEST_ASSERT_MSG_EQ(big.Add(off, payload->CreateFragment(off, n)),
                                      HomaInboundMessage::ADDED,
                                      "fragment at " << off);
                ++fragments;
            }
            if (start == half)
            {
                auto gaps = big.GetGaps();
                NS_TEST_ASSERT_MSG_EQ(gaps.size(), 1u, "one gap: the first half");
                NS_TEST_EXPECT_MSG_EQ(gaps[0].second, half, "of half the message");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(fragments, 20225u, "20,225 fragments");
        NS_TEST_EXPECT_MSG_EQ(big.IsComplete(), true, "complete");
        NS_TEST_EXPECT_MSG_EQ(big.GetFirstMissing(), length, "contiguous to the end");
        NS_TEST_EXPECT_MSG_EQ(big.Add(1424, payload->CreateFragment(1424, 10)),
                              HomaInboundMessage::DUPLICATE,
                              "inside a merged range");
        Ptr<Packet> whole = big.Assemble();
        NS_TEST_EXPECT_MSG_EQ(whole->GetSize(), length, "28.8 MB delivered");
        NS_TEST_EXPECT_MSG_LT(whole->GetSerializedSize(), 100u, "as virtual zeros, not bytes");

        // Patterned bytes around a zero stretch: [0, 1000) and [3000, 5000) patterned,
        // [1000, 3000) zeros.
        Ptr<Packet> msg = homatest::MakeMessage(5000, 9);
        std::vector<uint8_t> bytes = homatest::Bytes(msg);
        std::fill(bytes.begin() + 1000, bytes.begin() + 3000, 0);
        bytes[3000] = 0xab; // the first byte after the zeros, certainly not zero
        Ptr<Packet> mixed = Create<Packet>(bytes.data(), bytes.size());
        HomaInboundMessage in(5000, 5000);
        for (uint32_t off : {4000u, 1000u, 0u, 2000u, 3000u})
        {
            NS_TEST_EXPECT_MSG_EQ(in.Add(off, mixed->CreateFragment(off, 1000)),
                                  HomaInboundMessage::ADDED,
                                  "fragment at " << off);
        }
        NS_TEST_EXPECT_MSG_EQ(in.IsComplete(), true, "complete");
        NS_TEST_EXPECT_MSG_EQ((homatest::Bytes(in.Assemble()) == bytes), true, "byte-exact");
        NS_TEST_EXPECT_MSG_EQ(HomaInboundMessage::IsAllZero(mixed->CreateFragment(1000, 2000)),
                              true,
                              "the zero stretch is zero");
        NS_TEST_EXPECT_MSG_EQ(HomaInboundMessage::IsAllZero(mixed->CreateFragment(2500, 501)),
                              false,
                              "one patterned byte is not");
    }
};

/// Cutoffs: parsing, priorities, max_sched_prio and computation from a distribution.
class HomaCutoffsTest : public TestCase
{
  public:
    HomaCutoffsTest()
        : TestCase("cutoffs, unscheduled priorities and peers")
    {
    }

  private:
    void DoRun() override
    {
        HomaCutoffs::Array c;
        NS_TEST_EXPECT_MSG_EQ(HomaCutoffs::Parse("0 0 0 0 1000000 15000 2800 200", c),
                              true,
                              "parse");
        NS_TEST_EXPECT_MSG_EQ(c[5], 15000, "cutoffs[5]");
        NS_TEST_EXPECT_MSG_EQ(HomaCutoffs::Parse("1,2,3", c), false, "too few");
        NS_TEST_EXPECT_MSG_EQ(HomaCutoffs::Parse("1 2 3 4 5 6 7 8 9", c), false, "too many");
        NS_TEST_EXPECT_MSG_EQ(HomaCutoffs::Parse("1 2 3 4 5 6 7 -8", c), false, "negative");
        HomaCutoffs::Array def{0, 0, 0, 0, 1000000, 15000, 2800, 200};
        NS_TEST_EXPECT_MSG_EQ(+HomaCutoffs::MaxSchedPriority(def, 8), 3, "default max_sched_prio");
        HomaCutoffs::Array w1{1000000, 12288, 2112, 1280, 832, 576, 384, 192};
        NS_TEST_EXPECT_MSG_EQ(+HomaCutoffs::MaxSchedPriority(w1, 8), 0, "all unscheduled");

        HomaPeer peer(Ipv4Address("10.0.0.1"));
        NS_TEST_EXPECT_MSG_EQ(+peer.UnscheduledPriority(100, 8), 6, "fresh peer: level 6");
        NS_TEST_EXPECT_MSG_EQ(+peer.UnscheduledPriority(100, 4), 3, "fresh peer, 4 levels");
        peer.SetCutoffs(def, 1);
        NS_TEST_EXPECT_MSG_EQ(+peer.UnscheduledPriority(1, 8), 7, "1 B -> 7");
        NS_TEST_EXPECT_MSG_EQ(+peer.UnscheduledPriority(200, 8), 7, "200 B -> 7");
        NS_TEST_EXPECT_MSG_EQ(+peer.UnscheduledPriority(201, 8), 6, "201 B -> 6");
        NS_TEST_EXPECT_MSG_EQ(+peer.UnscheduledPriority(2801, 8), 5, "2801 B -> 5");
        NS_TEST_EXPECT_MSG_EQ(+peer.UnscheduledPriority(15001, 8), 4, "15001 B -> 4");
        NS_TEST_EXPECT_MSG_EQ(+peer.UnscheduledPriority(1000000, 8), 4, "1 MB -> 4");

        // Acks: five wait, then they are taken together.
        for (uint64_t id = 2; id <= 10; id += 2)
        {
            peer.AddAck(HomaAck{id, 99});
        }
        NS_TEST_EXPECT_MSG_EQ(peer.GetPendingAcks(), 5, "five pending");
        NS_TEST_EXPECT_MSG_EQ(peer.TakeAck().clientId, 10, "piggy-back the newest");
        NS_TEST_EXPECT_MSG_EQ(peer.TakeAcks().size(), 4, "the rest in one ACK");
        NS_TEST_EXPECT_MSG_EQ(peer.TakeAck().clientId, 0, "none left");

        // Distribution: 90 % of messages 100 B, 10 % 100 kB; unscheduled 10 kB.
        std::vector<std::pair<double, double>> cdf{{100, 0.9}, {100000, 1.0}};
        // U = 0.9*100 + 0.1*10000 = 1090; B = 0.9*100 + 0.1*100000 = 10090; 8*U/B = 0.86 -> 1.
        auto d = HomaCutoffs::FromDistribution(cdf, 10000, 8);
        NS_TEST_EXPECT_MSG_EQ(d[7], HomaCutoffs::MAX_MESSAGE_LENGTH, "one unscheduled level");
        NS_TEST_EXPECT_MSG_EQ(+HomaCutoffs::MaxSchedPriority(d, 8), 6, "seven scheduled levels");
        // Only small messages: everything unscheduled, split by bytes.
        std::vector<std::pair<double, double>> small{{100, 0.25},
                                                     {200, 0.5},
                                                     {300, 0.75},
                                                     {400, 1.0}};
        auto e = HomaCutoffs::FromDistribution(small, 10000, 4);
        // Bytes 25, 50, 75, 100 of 250; four levels of 62.5 each.
        NS_TEST_EXPECT_MSG_EQ(e[3], 200, "level 3: sizes up to 200 B (75 of 250 bytes)");
        NS_TEST_EXPECT_MSG_EQ(e[2], 300, "level 2: up to 300 B");
        NS_TEST_EXPECT_MSG_EQ(e[1], 400, "level 1: up to 400 B");
        NS_TEST_EXPECT_MSG_EQ(e[0], HomaCutoffs::MAX_MESSAGE_LENGTH, "level 0 the rest");

        // The paper simulator's graduated cutoffs, on the bytes left (1424-byte packets, 78
        // wire bytes each). Half the messages 1000 B, half 3000 B, all unscheduled: packets
        // leave with 1000 B left (1078 wire bytes, weight 539), 3000, 1576 (1502 each, 751)
        // and 152 (230, 115); of 2156 in all, half is reached at 1576 B left.
        auto g = HomaCutoffs::FromDistributionGraduated({{1000, 0.5}, {3000, 1.0}}, 10000, 0, 8, 2);
        HomaCutoffs::Array expectedG{0, 0, 0, 0, 0, 0, HomaCutoffs::MAX_MESSAGE_LENGTH, 1576};
        NS_TEST_EXPECT_MSG_EQ((g == expectedG), true, HomaCutoffs::Format(g));
        // One 20,000-byte message, 2 packets unscheduled, the last 3,004 wire bytes boosted:
        // counted packets leave with 20000 and 18576 B left (unscheduled, 1502 each), 1488
        // (1502) and 64 (142) (the tail: 1644 and 142 wire bytes left); of 4648, half is
        // reached at 18576.
        auto t = HomaCutoffs::FromDistributionGraduated({{20000, 1.0}}, 2848, 3004, 8, 2);
        HomaCutoffs::Array expectedT{0, 0, 0, 0, 0, 0, HomaCutoffs::MAX_MESSAGE_LENGTH, 18576};
        NS_TEST_EXPECT_MSG_EQ((t == expectedT), true, HomaCutoffs::Format(t));
        // Without the boost only the two unscheduled packets count (18576 and 20000 B left,
        // 1502 wire bytes each): half is reached at 18576.
        auto u = HomaCutoffs::FromDistributionGraduated({{20000, 1.0}}, 2848, 0, 8, 2);
        NS_TEST_EXPECT_MSG_EQ(u[7], 18576u, "no boost: half at 18576 B left");
        // Levels with the same cutoff twice are not repeated; a large cutoff stays below
        // MAX_MESSAGE_LENGTH (which marks the lowest unscheduled level).
        auto big = HomaCutoffs::FromDistributionGraduated({{3000000, 1.0}}, 10000000, 0, 8, 2);
        NS_TEST_EXPECT_MSG_EQ(big[7], HomaCutoffs::MAX_MESSAGE_LENGTH - 1, "kept below 1 MB");
        NS_TEST_EXPECT_MSG_EQ(big[6], HomaCutoffs::MAX_MESSAGE_LENGTH, "then the lowest");
    }
};

/// Peer table garbage collection (Linux homa_peer_gc): idle, unneeded peers go.
class HomaPeerGcTest : public TestCase
{
  public:
    HomaPeerGcTest()
        : TestCase("peer table: idle peers no RPC needs are forgotten (threshold, idle times)")
    {
    }

  private:
    void DoRun() override
    {
        HomaPeerTable table;
        auto addr = [](uint32_t k) { return Ipv4Address(0x0a000000 + k); };
        std::vector<size_t> removed;
        std::vector<size_t> sizes;
        auto collect = [&](size_t threshold, std::unordered_set<uint32_t> inUse) {
            removed.push_back(table.Collect(Seconds(10), Seconds(120), threshold, inUse));
            sizes.push_back(table.GetSize());
        };
        Simulator::Schedule(Seconds(0), [&]() {
            for (uint32_t k = 1; k <= 6; ++k)
            {
                table.Get(addr(k));
            }
        });
        Simulator::Schedule(Seconds(5), [&]() {
            table.Get(addr(1));                          // used again
            table.Get(addr(2)).AddAck(HomaAck{8, 9000}); // owes an acknowledgement
        });
        // 12 s: six peers, below a threshold of 10, none idle for 120 s: all stay.
        Simulator::Schedule(Seconds(12), [&]() { collect(10, {addr(3).Get()}); });
        // Threshold 6 reached: those idle for 10 s go (4, 5, 6), not 1 (used at 5 s), 2 (an
        // acknowledgement to send) or 3 (an RPC needs it).
        Simulator::Schedule(Seconds(12), [&]() { collect(6, {addr(3).Get()}); });
        // 130 s: idle for 120 s, any table size: 1 and 3 go; 2 still owes its ack.
        Simulator::Schedule(Seconds(130), [&]() { collect(100, {}); });
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(removed.size(), 3, "three collections");
        NS_TEST_EXPECT_MSG_EQ(removed[0], 0, "below the threshold: none");
        NS_TEST_EXPECT_MSG_EQ(sizes[0], 6, "six peers");
        NS_TEST_EXPECT_MSG_EQ(removed[1], 3, "at the threshold: 4, 5 and 6");
        NS_TEST_EXPECT_MSG_EQ(sizes[1], 3, "1, 2 and 3 left");
        NS_TEST_EXPECT_MSG_EQ(removed[2], 2, "idle past the maximum: 1 and 3");
        NS_TEST_EXPECT_MSG_EQ(sizes[2], 1, "2 left");
        NS_TEST_EXPECT_MSG_EQ(table.GetPendingAcks(), 1, "with its acknowledgement");
    }
};

/// The homa-message suite.
class HomaMessageTestSuite : public TestSuite
{
  public:
    HomaMessageTestSuite()
        : TestSuite("homa-message", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaOutboundTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaOutboundExactTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaInboundTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaInboundSpanTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaInboundZeroTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaCutoffsTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaPeerGcTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaMessageTestSuite g_homaMessageTestSuite; //!< registers the suite
