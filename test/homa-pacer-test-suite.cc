/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-pacer: the sender's pacer on its own, without a protocol or a node: SRPT choice of
// the next packet (ties by RPC id), pacing at the link rate slowed by 1 %, the bound on
// the NIC backlog, against hand-computed times, and FIFO picks (pacer_fifo_fraction).

#include "ns3/homa-pacer.h"
#include "ns3/homa-rpc.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <memory>
#include <vector>

using namespace ns3;

namespace
{

/// A pacer whose transmit callback takes the packet and records it.
class PacerBench
{
  public:
    /// One packet let go: when, which RPC, its offset, the backlog before it.
    struct Sent
    {
        Time when;       //!< time
        uint64_t id;     //!< RPC id
        uint32_t offset; //!< packet offset
        Time backlog;    //!< estimated NIC backlog just before
    };

    explicit PacerBench(HomaPacer::Config config)
    {
        pacer.SetConfig(config);
        pacer.SetTransmitCallback(MakeCallback(&PacerBench::Transmit, this));
    }

    /**
     * \brief A new outgoing message, all of it sendable at once.
     * \param id the client RPC id
     * \param length message length
     * \return the RPC
     */
    Ptr<HomaRpc> AddMessage(uint64_t id, uint32_t length)
    {
        Ptr<HomaRpc> rpc = Create<HomaRpc>(nullptr, id, Ipv4Address("10.0.0.2"), 9000);
        rpc->m_out = std::make_unique<HomaOutboundMessage>(Create<Packet>(length), 1424, length);
        rpcs.push_back(rpc);
        return rpc;
    }

    HomaPacer pacer;                //!< the pacer under test
    std::vector<Ptr<HomaRpc>> rpcs; //!< the messages
    std::vector<Sent> sent;         //!< every packet let go

  private:
    void Transmit(Ptr<HomaRpc> rpc)
    {
        Time backlog = pacer.GetBacklog();
        HomaOutboundMessage::NextPacket next = rpc->m_out->TakeNextPacket();
        sent.push_back(Sent{Simulator::Now(), rpc->m_id, next.offset, backlog});
        pacer.NotifyTransmit(next.size + 56 + 20); // DATA header and IPv4 header
    }
};

} // namespace

/// SRPT: the message with the fewest bytes left goes first, ties by RPC id.
class HomaPacerSrptTest : public TestCase
{
  public:
    HomaPacerSrptTest()
        : TestCase("SRPT order: fewest bytes left first, ties by RPC id, preemption by a newcomer")
    {
    }

  private:
    void DoRun() override
    {
        PacerBench b(HomaPacer::Config{DataRate("10Gbps"), MicroSeconds(2)});
        Ptr<HomaRpc> big = b.AddMessage(2, 5 * 1424);   // 5 packets
        Ptr<HomaRpc> small = b.AddMessage(6, 2 * 1424); // 2 packets
        Ptr<HomaRpc> tie = b.AddMessage(4, 2 * 1424);   // 2 packets, older id
        for (const auto& rpc : b.rpcs)
        {
            b.pacer.Add(rpc);
        }
        b.pacer.Add(small); // listed once only
        NS_TEST_EXPECT_MSG_EQ(b.pacer.GetSize(), 3, "three RPCs listed");
        // A 1-packet message arrives at 3 us, after the big message's first packet (2.848 us)
        // and while the backlog (3.06 us) holds the next one back.
        Simulator::Schedule(NanoSeconds(3000), [&]() {
            b.pacer.Add(b.AddMessage(8, 1000));
            b.pacer.Kick();
        });
        Simulator::Schedule(Seconds(0), &HomaPacer::Kick, &b.pacer);
        Simulator::Run();

        std::vector<uint64_t> order;
        for (const auto& s : b.sent)
        {
            order.push_back(s.id);
        }
        // 4 and 6 tie at 2 packets (4 older); then 2, overtaken by 8 after its second packet.
        const std::vector<uint64_t> expected{4, 4, 6, 6, 2, 8, 2, 2, 2, 2};
        NS_TEST_EXPECT_MSG_EQ((order == expected), true, "SRPT order");
        NS_TEST_EXPECT_MSG_EQ(b.pacer.GetSize(), 0, "nothing left listed");
        Simulator::Destroy();
    }
};

/// Pacing: at most MaxNicBacklog of data waits in the NIC; then one packet per packet time.
class HomaPacerRateTest : public TestCase
{
  public:
    HomaPacerRateTest()
        : TestCase("pacing at the link rate slowed by 1 %, NIC backlog at most MaxNicBacklog")
    {
    }

  private:
    void DoRun() override
    {
        PacerBench b(HomaPacer::Config{DataRate("10Gbps"), MicroSeconds(2)});
        b.pacer.Add(b.AddMessage(2, 20 * 1424));
        Simulator::Schedule(Seconds(0), &HomaPacer::Kick, &b.pacer);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(b.sent.size(), 20, "every packet sent");
        // A 1500-byte packet takes 1.2 us at 10 Gbps, 1.212 us slowed by 1 %. Two fit in the
        // 2 us backlog at once (the second at 1.212 us of backlog); the third waits until the
        // backlog is down to 2 us (0.424 us), then one goes every 1.212 us.
        const Time packet = NanoSeconds(1212);
        NS_TEST_EXPECT_MSG_EQ(b.sent[0].when, Seconds(0), "first at once");
        NS_TEST_EXPECT_MSG_EQ(b.sent[1].when, Seconds(0), "second at once");
        NS_TEST_EXPECT_MSG_EQ(b.sent[2].when, NanoSeconds(424), "third when 2 us remain");
        for (size_t k = 3; k < b.sent.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(b.sent[k].when - b.sent[k - 1].when,
                                  packet,
                                  "packet " << k << " one packet time later");
        }
        for (const auto& s : b.sent)
        {
            NS_TEST_EXPECT_MSG_LT_OR_EQ(s.backlog, MicroSeconds(2), "backlog bound");
        }
        // Packets are taken in offset order.
        for (size_t k = 0; k < b.sent.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(b.sent[k].offset, k * 1424, "offset of packet " << k);
        }

        // A slower link with a larger backlog: 1 Gbps, 5 us: 12.12 us per packet, so one
        // packet at once, the second when the backlog is down to 5 us (after 7.12 us).
        PacerBench slow(HomaPacer::Config{DataRate("1Gbps"), MicroSeconds(5)});
        slow.pacer.Add(slow.AddMessage(2, 3 * 1424));
        Simulator::Schedule(Seconds(0), &HomaPacer::Kick, &slow.pacer);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(slow.sent.size(), 3, "three packets");
        NS_TEST_EXPECT_MSG_EQ(slow.sent[1].when - slow.sent[0].when,
                              NanoSeconds(7120),
                              "second packet");
        NS_TEST_EXPECT_MSG_EQ(slow.sent[2].when - slow.sent[1].when,
                              NanoSeconds(12120),
                              "third packet");
        Simulator::Destroy();
    }
};

/**
 * MaxNicBacklog 0 (the paper profile): the pacer hands the NIC one packet at a time, the next
 * when the one before is out (HomaTransport.cc SendController::sendPktAndScheduleNext), so a
 * message that shows up while a packet is on the wire goes right after that one packet.
 */
class HomaPacerOnePacketTest : public TestCase
{
  public:
    HomaPacerOnePacketTest()
        : TestCase("MaxNicBacklog 0: one packet at a time, a newcomer waits one packet at most")
    {
    }

  private:
    void DoRun() override
    {
        PacerBench b(HomaPacer::Config{DataRate("10Gbps"), Seconds(0)});
        b.pacer.Add(b.AddMessage(2, 4 * 1424));
        // A 1000-byte message at 2 us, while the second packet (1.212 to 2.424 us) is out.
        Simulator::Schedule(NanoSeconds(2000), [&]() {
            b.pacer.Add(b.AddMessage(8, 1000));
            b.pacer.Kick();
        });
        Simulator::Schedule(Seconds(0), &HomaPacer::Kick, &b.pacer);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(b.sent.size(), 5, "four packets and the newcomer's one");
        std::vector<uint64_t> order;
        for (const auto& s : b.sent)
        {
            order.push_back(s.id);
            NS_TEST_EXPECT_MSG_EQ(s.backlog, Seconds(0), "the NIC is empty at each hand-over");
        }
        const std::vector<uint64_t> expected{2, 2, 8, 2, 2};
        NS_TEST_EXPECT_MSG_EQ((order == expected), true, "the newcomer after one packet");
        // 1500 bytes on the link take 1.212 us (1.2 slowed by 1 %).
        NS_TEST_EXPECT_MSG_EQ(b.sent[0].when, Seconds(0), "first at once");
        NS_TEST_EXPECT_MSG_EQ(b.sent[1].when, NanoSeconds(1212), "second when the first is out");
        NS_TEST_EXPECT_MSG_EQ(b.sent[2].when, NanoSeconds(2424), "newcomer when the second is out");
        // Then the rest in order, once the newcomer's 1076 bytes (1000 and 76 of headers) are
        // out, slowed by 1 % too.
        NS_TEST_EXPECT_MSG_EQ(b.sent[3].offset, 2 * 1424u, "then the rest in order");
        NS_TEST_EXPECT_MSG_EQ(b.sent[3].when,
                              NanoSeconds(2424) +
                                  DataRate("10Gbps").CalculateBytesTxTime(1076) * 101 / 100,
                              "after the newcomer's packet");
        NS_TEST_EXPECT_MSG_EQ(b.sent[4].when - b.sent[3].when,
                              NanoSeconds(1212),
                              "then one per packet time");
        Simulator::Destroy();
    }
};

/// The homa-pacer suite.
/**
 * FIFO picks (pacer_fifo_fraction 250): every fourth pick sends the oldest message (handed
 * to Homa first) instead of the shortest.
 */
class HomaPacerFifoTest : public TestCase
{
  public:
    HomaPacerFifoTest()
        : TestCase("FIFO picks: with fraction 250 every fourth pick sends the oldest message")
    {
    }

  private:
    void DoRun() override
    {
        PacerBench b(HomaPacer::Config{DataRate("10Gbps"), MicroSeconds(2), 250});
        Ptr<HomaRpc> old = b.AddMessage(2, 6 * 1424);   // 6 packets, handed over first
        Ptr<HomaRpc> two = b.AddMessage(4, 2 * 1424);   // 2 packets
        Ptr<HomaRpc> three = b.AddMessage(6, 3 * 1424); // 3 packets
        old->m_outStart = NanoSeconds(0);
        two->m_outStart = NanoSeconds(1);
        three->m_outStart = NanoSeconds(2);
        for (const auto& rpc : b.rpcs)
        {
            b.pacer.Add(rpc);
        }
        Simulator::Schedule(Seconds(0), &HomaPacer::Kick, &b.pacer);
        Simulator::Run();
        std::vector<uint64_t> order;
        for (const auto& s : b.sent)
        {
            order.push_back(s.id);
        }
        // Picks 4 and 8 are FIFO picks (the count 1000 - 4 x 250 reaches 0): 2 both times.
        const std::vector<uint64_t> expected{4, 4, 6, 2, 6, 6, 2, 2, 2, 2, 2};
        NS_TEST_EXPECT_MSG_EQ((order == expected), true, "SRPT with every fourth pick FIFO");
        NS_TEST_EXPECT_MSG_EQ(b.pacer.GetFifoPicks(), 2u, "two FIFO picks");
        Simulator::Destroy();
    }
};

class HomaPacerTestSuite : public TestSuite
{
  public:
    HomaPacerTestSuite()
        : TestSuite("homa-pacer", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaPacerSrptTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaPacerRateTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaPacerOnePacketTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaPacerFifoTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaPacerTestSuite g_homaPacerTestSuite; //!< registers the suite
