/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-queue-disc: HomaPriorityQueueDisc serves its eight bands strictly by priority,
// FIFO within a band, and drops per its band and total limits.

#include "ns3/arp-header.h"
#include "ns3/arp-queue-disc-item.h"
#include "ns3/homa-priority-queue-disc.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-queue-disc-item.h"
#include "ns3/mac48-address.h"
#include "ns3/queue-size.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

using namespace ns3;

/// Strict priority, FIFO per band, band and total limits.
class HomaQueueDiscTest : public TestCase
{
  public:
    HomaQueueDiscTest()
        : TestCase("strict priority by TOS >> 5, FIFO per band, band and total limits")
    {
    }

  private:
    /// An IPv4 packet of \p size bytes with TOS = priority << 5 (+ low bits to show they are
    /// ignored).
    static Ptr<QueueDiscItem> Item(uint8_t priority, uint32_t size)
    {
        Ipv4Header h;
        h.SetTos(static_cast<uint8_t>(priority << 5 | 0x03));
        h.SetProtocol(146);
        return Create<Ipv4QueueDiscItem>(Create<Packet>(size), Address(), 0x0800, h);
    }

    void DoRun() override
    {
        Ptr<HomaPriorityQueueDisc> qd = CreateObject<HomaPriorityQueueDisc>();
        qd->SetAttribute("MaxSize", QueueSizeValue(QueueSize("8p")));
        qd->SetAttribute("BandMaxSize", QueueSizeValue(QueueSize("3p")));
        qd->Initialize();

        // (priority, size): sizes identify packets.
        const std::vector<std::pair<uint8_t, uint32_t>>
            in{{0, 100}, {3, 101}, {7, 102}, {3, 103}, {5, 104}, {0, 105}, {7, 106}};
        for (const auto& [p, size] : in)
        {
            NS_TEST_EXPECT_MSG_EQ(qd->Enqueue(Item(p, size)), true, "enqueue prio " << +p);
        }
        NS_TEST_EXPECT_MSG_EQ(qd->GetBandPackets(3), 2, "two packets at level 3");
        NS_TEST_EXPECT_MSG_EQ(qd->GetBandPackets(7), 2, "two packets at level 7");
        // A packet of a fresh level is accepted; a fourth of level 3 hits the band limit.
        NS_TEST_EXPECT_MSG_EQ(qd->Enqueue(Item(3, 107)), true, "third at level 3");
        NS_TEST_EXPECT_MSG_EQ(qd->Enqueue(Item(3, 108)), false, "fourth at level 3: band full");
        NS_TEST_EXPECT_MSG_EQ(qd->GetDrops(3), 1, "one drop counted at level 3");
        // Eight packets are queued now: the total limit refuses a ninth at any level.
        NS_TEST_EXPECT_MSG_EQ(qd->GetNPackets(), 8, "eight queued");
        NS_TEST_EXPECT_MSG_EQ(qd->Enqueue(Item(6, 109)), false, "ninth: queue disc full");
        NS_TEST_EXPECT_MSG_EQ(qd->GetDrops(6), 1, "drop counted at level 6");
        NS_TEST_EXPECT_MSG_EQ(qd->GetEnqueued(3), 3, "three enqueued at level 3");

        const std::vector<uint32_t> expected{102, 106, 104, 101, 103, 107, 100, 105};
        for (uint32_t size : expected)
        {
            Ptr<QueueDiscItem> item = qd->Dequeue();
            NS_TEST_ASSERT_MSG_NE(item, nullptr, "a packet");
            NS_TEST_EXPECT_MSG_EQ(item->GetPacket()->GetSize(), size, "strict priority order");
        }
        NS_TEST_EXPECT_MSG_EQ(qd->Dequeue(), nullptr, "empty");

        // Non-IP packets (ARP) go to the highest level, ahead of everything else.
        qd->Enqueue(Item(0, 200));
        ArpHeader arp;
        arp.SetRequest(Mac48Address("00:00:00:00:00:01"),
                       Ipv4Address("10.0.0.1"),
                       Mac48Address("ff:ff:ff:ff:ff:ff"),
                       Ipv4Address("10.0.0.2"));
        qd->Enqueue(Create<ArpQueueDiscItem>(Create<Packet>(28), Address(), 0x0806, arp));
        NS_TEST_EXPECT_MSG_EQ(qd->GetBandPackets(7), 1, "ARP at level 7");
        NS_TEST_EXPECT_MSG_EQ(qd->Dequeue()->GetPacket()->GetSize(), 28, "ARP first");

        // Byte limits work the same way.
        Ptr<HomaPriorityQueueDisc> bytes = CreateObject<HomaPriorityQueueDisc>();
        bytes->SetAttribute("MaxSize", QueueSizeValue(QueueSize("100000B")));
        bytes->SetAttribute("BandMaxSize", QueueSizeValue(QueueSize("3000B")));
        bytes->Initialize();
        NS_TEST_EXPECT_MSG_EQ(bytes->Enqueue(Item(4, 1400)), true, "1 of 2 fits");
        NS_TEST_EXPECT_MSG_EQ(bytes->Enqueue(Item(4, 1400)), true, "2 of 2 fits");
        NS_TEST_EXPECT_MSG_EQ(bytes->Enqueue(Item(4, 1400)), false, "over 3000 B");
        NS_TEST_EXPECT_MSG_EQ(bytes->Enqueue(Item(5, 1400)), true, "other band has room");
        qd->Dispose();
        bytes->Dispose();
        Simulator::Destroy();
    }
};

/// The homa-queue-disc suite.
class HomaQueueDiscTestSuite : public TestSuite
{
  public:
    HomaQueueDiscTestSuite()
        : TestSuite("homa-queue-disc", UNIT)
    {
        AddTestCase(new HomaQueueDiscTest, TestCase::QUICK);
    }
};

static HomaQueueDiscTestSuite g_homaQueueDiscTestSuite; //!< registers the suite
