/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-queue-disc: HomaPriorityQueueDisc serves its eight bands strictly by priority,
// FIFO within a band, and drops per its band and total limits; with ControlFirst, Homa's
// control packets go before all data; with LimitDeviceQueues no FIFO is left below it, so a
// high-priority packet waits only for the packet on the wire. PriorityDeviceQueue does
// the same as a device's own transmit queue.

#include "ns3/arp-header.h"
#include "ns3/arp-queue-disc-item.h"
#include "ns3/boolean.h"
#include "ns3/fabric-link-helper.h"
#include "ns3/homa-header.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-nic-queue.h"
#include "ns3/homa-priority-queue-disc.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-queue-disc-item.h"
#include "ns3/mac48-address.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/ppp-header.h"
#include "ns3/priority-device-queue.h"
#include "ns3/queue-size.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>
#include <vector>

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

/// ControlFirst: Homa packets other than DATA leave before every data packet.
class HomaControlFirstTest : public TestCase
{
  public:
    HomaControlFirstTest()
        : TestCase("ControlFirst: GRANT, RESEND and ACK before data of any level; off: FIFO")
    {
    }

  private:
    /// \param priority level \param payload packet with its transport header
    /// \param protocol IP protocol \return the queue disc item
    static Ptr<QueueDiscItem> Item(uint8_t priority, Ptr<Packet> payload, uint8_t protocol)
    {
        Ipv4Header h;
        h.SetTos(static_cast<uint8_t>(priority << 5));
        h.SetProtocol(protocol);
        return Create<Ipv4QueueDiscItem>(payload, Address(), 0x0800, h);
    }

    /// \param header a Homa header \param bytes payload bytes \return the packet
    static Ptr<Packet> Homa(const Header& header, uint32_t bytes)
    {
        Ptr<Packet> p = Create<Packet>(bytes);
        p->AddHeader(header);
        return p;
    }

    /// \param controlFirst the attribute \return packet sizes in dequeue order
    std::vector<uint32_t> Run(bool controlFirst)
    {
        Ptr<HomaPriorityQueueDisc> qd = CreateObject<HomaPriorityQueueDisc>();
        qd->SetAttribute("ControlFirst", BooleanValue(controlFirst));
        qd->Initialize();
        HomaDataHeader data;
        HomaGrantHeader grant;
        HomaResendHeader resend;
        HomaAckHeader ack;
        // Sizes tell the packets apart: data 1056/1057 at levels 7 and 2, a GRANT (33 B) and
        // an ACK (80 B) at level 7, a RESEND (37 B) at level 0, and a UDP packet whose byte 11
        // happens to hold GRANT's type value (not Homa: not control).
        uint8_t bytes[40] = {};
        bytes[HomaCommonHeader::TYPE_OFFSET] = HomaCommonHeader::GRANT;
        Ptr<Packet> udp = Create<Packet>(bytes, sizeof(bytes));
        qd->Enqueue(Item(7, Homa(data, 1000), 146));
        qd->Enqueue(Item(2, Homa(data, 1001), 146));
        qd->Enqueue(Item(7, Homa(grant, 0), 146));
        qd->Enqueue(Item(7, udp, 17));
        qd->Enqueue(Item(0, Homa(resend, 0), 146));
        qd->Enqueue(Item(7, Homa(ack, 0), 146));
        std::vector<uint32_t> order;
        while (Ptr<QueueDiscItem> item = qd->Dequeue())
        {
            order.push_back(item->GetPacket()->GetSize());
        }
        NS_TEST_EXPECT_MSG_EQ(qd->GetEnqueued(7), 4, "control packets counted at their level");
        qd->Dispose();
        return order;
    }

    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(HomaDataHeader::SIZE, 56, "DATA header");
        std::vector<uint32_t> first{33, 37, 80, 1056, 40, 1057};
        NS_TEST_EXPECT_MSG_EQ((Run(true) == first), true, "control first, then by level");
        std::vector<uint32_t> fifo{1056, 33, 40, 80, 1057, 37};
        NS_TEST_EXPECT_MSG_EQ((Run(false) == fifo), true, "off: strict levels, FIFO");
        Simulator::Destroy();
    }
};

/// LimitDeviceQueues: a high-priority packet overtakes everything but the packet on the wire.
class HomaDeviceQueueTest : public TestCase
{
  public:
    /// \param limit call LimitDeviceQueues (else: a 100-packet device FIFO, ns-3's default)
    explicit HomaDeviceQueueTest(bool limit)
        : TestCase(limit ? "no FIFO below the queue disc: a level-7 packet waits only for the "
                           "packet on the wire"
                         : "with ns-3's 100-packet device queue the level-7 packet waits "
                           "behind the backlog"),
          m_limit(limit)
    {
    }

  private:
    /// \param arrivals where to record \param p a frame received
    static void Record(std::vector<std::pair<uint32_t, Time>>* arrivals, Ptr<const Packet> p)
    {
        arrivals->emplace_back(p->GetSize(), Simulator::Now());
    }

    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        InternetStackHelper internet;
        internet.Install(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1us"));
        NetDeviceContainer link = p2p.Install(nodes);
        TrafficControlHelper tch;
        tch.SetRootQueueDisc("ns3::HomaPriorityQueueDisc");
        tch.Install(link);
        if (m_limit)
        {
            FabricLinkHelper::LimitDeviceQueues(link);
            FabricLinkHelper::LimitDeviceQueues(link); // a second call changes nothing
            // Replacing the queue disc clears the limits; the new ones take over.
            HomaHelper::InstallPriorityQueueDisc(link);
        }
        Ipv4AddressHelper ipv4;
        ipv4.SetBase("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = ipv4.Assign(link);

        Ptr<Socket> sink = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        Ptr<Socket> low = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
        low->Connect(InetSocketAddress(ifs.GetAddress(1), 9));
        Ptr<Socket> high = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
        high->Connect(InetSocketAddress(ifs.GetAddress(1), 9));
        high->SetIpTos(7 << 5); // after Connect, which takes the TOS of the address
        std::vector<std::pair<uint32_t, Time>> arrivals;
        link.Get(1)->TraceConnectWithoutContext("PhyRxEnd", MakeBoundCallback(&Record, &arrivals));
        // One packet resolves ARP; at 1 ms ten 1472-byte datagrams at level 0, and 5 us later
        // (the first is on the wire, 12.2 us long) one 100-byte datagram at level 7.
        Simulator::Schedule(MicroSeconds(1), [&]() { low->Send(Create<Packet>(10)); });
        Simulator::Schedule(MilliSeconds(1), [&]() {
            for (int i = 0; i < 10; ++i)
            {
                low->Send(Create<Packet>(1472));
            }
        });
        Simulator::Schedule(MilliSeconds(1) + MicroSeconds(5),
                            [&]() { high->Send(Create<Packet>(100)); });
        Simulator::Run();

        // PPP frames: 1472 + 28 + 2 = 1502 bytes, 100 + 28 + 2 = 130.
        std::vector<uint32_t> sizes;
        Time highAt;
        for (const auto& [size, t] : arrivals)
        {
            if (t >= MilliSeconds(1))
            {
                sizes.push_back(size);
                highAt = size == 130 ? t : highAt;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(sizes.size(), 11, "eleven datagrams");
        auto position = std::find(sizes.begin(), sizes.end(), 130) - sizes.begin();
        if (m_limit)
        {
            NS_TEST_EXPECT_MSG_EQ(position, 1, "right after the packet on the wire");
            // 1502 B then 130 B at 1 Gbps, plus 1 us of propagation.
            Time expected = MilliSeconds(1) + NanoSeconds(12016 + 1040 + 1000);
            NS_TEST_EXPECT_MSG_EQ(highAt, expected, "arrival time");
            PointerValue queue;
            link.Get(0)->GetAttribute("TxQueue", queue);
            NS_TEST_EXPECT_MSG_EQ(queue.Get<QueueBase>()->GetMaxSize(),
                                  QueueSize("1p"),
                                  "device queue of one packet");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(position, 10, "behind the whole backlog in the device FIFO");
        }
        Simulator::Destroy();
    }

    bool m_limit; //!< LimitDeviceQueues applied
};

/**
 * PriorityDeviceQueue and HomaNicQueue, the same port queue as a device's transmit queue:
 * framed packets (PPP + IPv4 + Homa) leave strictly by level, FIFO within one, control
 * first with HomaNicQueue's ControlFirst, non-IPv4 frames at the top level; a full queue drops and
 * counts per level; Peek and Remove follow the same order. HomaNicQueue with DataByLevel false:
 * control first, everything else in arrival order, still counted per level.
 */
class HomaPriorityDeviceQueueTest : public TestCase
{
  public:
    HomaPriorityDeviceQueueTest()
        : TestCase("device queue: strict levels, FIFO, control first, limit and drops")
    {
    }

  private:
    /// A framed packet: PPP (IPv4), IPv4 (TOS = level << 5, \p protocol), \p payload.
    static Ptr<Packet> Frame(uint8_t priority, Ptr<Packet> payload, uint8_t protocol)
    {
        Ptr<Packet> p = payload->Copy();
        Ipv4Header h;
        h.SetTos(static_cast<uint8_t>(priority << 5 | 0x02));
        h.SetProtocol(protocol);
        h.SetPayloadSize(p->GetSize());
        p->AddHeader(h);
        PppHeader ppp;
        ppp.SetProtocol(0x0021);
        p->AddHeader(ppp);
        return p;
    }

    /// \param header a Homa header \param bytes payload bytes \return the packet
    static Ptr<Packet> Homa(const Header& header, uint32_t bytes)
    {
        Ptr<Packet> p = Create<Packet>(bytes);
        p->AddHeader(header);
        return p;
    }

    /// Sizes (without the 22 bytes of PPP and IPv4) in dequeue order.
    static std::vector<uint32_t> Drain(Ptr<PriorityDeviceQueue> q)
    {
        std::vector<uint32_t> order;
        while (Ptr<const Packet> head = q->Peek())
        {
            Ptr<Packet> p = q->Dequeue();
            NS_ASSERT(p == head);
            order.push_back(p->GetSize() - 22);
        }
        return order;
    }

    void DoRun() override
    {
        HomaDataHeader data;
        HomaGrantHeader grant;
        HomaAckHeader ack;
        // HomaNicQueue with and without ControlFirst, then the fabric's PriorityDeviceQueue
        // (no urgent packets: as HomaNicQueue without ControlFirst), then HomaNicQueue with
        // ControlFirst and DataByLevel false.
        for (int variant : {0, 1, 2, 3})
        {
            bool controlFirst = variant == 0 || variant == 3;
            bool fifo = variant == 3;
            Ptr<PriorityDeviceQueue> q;
            if (variant != 2)
            {
                q = CreateObject<HomaNicQueue>();
                q->SetAttribute("ControlFirst", BooleanValue(controlFirst));
                q->SetAttribute("DataByLevel", BooleanValue(!fifo));
            }
            else
            {
                q = CreateObject<PriorityDeviceQueue>();
            }
            q->SetAttribute("MaxSize", QueueSizeValue(QueueSize("7p")));
            // Data 1056/1057/1058 at levels 2, 7, 2; a GRANT (33) and an ACK (80) at 7; a
            // UDP packet (40) at 0; an IPv6 frame (28 + 20, not IPv4: the top level).
            NS_TEST_EXPECT_MSG_EQ(q->Enqueue(Frame(2, Homa(data, 1000), 146)), true, "data 2");
            NS_TEST_EXPECT_MSG_EQ(q->Enqueue(Frame(7, Homa(data, 1001), 146)), true, "data 7");
            q->Enqueue(Frame(7, Homa(grant, 0), 146));
            q->Enqueue(Frame(0, Create<Packet>(40), 17));
            q->Enqueue(Frame(2, Homa(data, 1002), 146));
            q->Enqueue(Frame(7, Homa(ack, 0), 146));
            Ptr<Packet> ipv6 = Create<Packet>(28 + 20);
            PppHeader ppp;
            ppp.SetProtocol(0x0057); // IPv6
            ipv6->AddHeader(ppp);
            q->Enqueue(ipv6);
            NS_TEST_EXPECT_MSG_EQ(q->Enqueue(Frame(5, Homa(data, 7), 146)), false, "full");
            NS_TEST_EXPECT_MSG_EQ(q->GetDrops(5), 1u, "the drop counted at level 5");
            NS_TEST_EXPECT_MSG_EQ(q->GetEnqueued(7), 4u, "level 7: data, grant, ack, IPv6");
            NS_TEST_EXPECT_MSG_EQ(q->GetNPackets(), 7u, "seven held");
            std::vector<uint32_t> expected =
                fifo           ? std::vector<uint32_t>{33, 80, 1056, 1057, 40, 1058, 28}
                : controlFirst ? std::vector<uint32_t>{33, 80, 1057, 28, 1056, 1058, 40}
                               : std::vector<uint32_t>{1057, 33, 80, 28, 1056, 1058, 40};
            NS_TEST_EXPECT_MSG_EQ((Drain(q) == expected),
                                  true,
                                  (fifo           ? "control, then arrival order"
                                   : controlFirst ? "control, then levels"
                                                  : "levels, FIFO"));
            // Remove takes the head, as Dequeue does, and the order survives refills.
            q->Enqueue(Frame(1, Homa(data, 1), 146));
            q->Enqueue(Frame(6, Homa(data, 2), 146));
            q->Enqueue(Frame(1, Homa(data, 3), 146));
            NS_TEST_EXPECT_MSG_EQ(q->Remove()->GetSize() - 22,
                                  (fifo ? 57u : 58u),
                                  "Remove: the first in, or level 6 first");
            q->Enqueue(Frame(4, Homa(data, 4), 146));
            expected = fifo ? std::vector<uint32_t>{58, 59, 60} : std::vector<uint32_t>{60, 57, 59};
            NS_TEST_EXPECT_MSG_EQ((Drain(q) == expected),
                                  true,
                                  "then in order, or level 4, then level 1 in order");
            NS_TEST_EXPECT_MSG_EQ(q->GetNPackets(), 0u, "empty");
            NS_TEST_EXPECT_MSG_EQ(q->Dequeue(), nullptr, "nothing more");
        }
    }
};

/// The homa-queue-disc suite.
class HomaQueueDiscTestSuite : public TestSuite
{
  public:
    HomaQueueDiscTestSuite()
        : TestSuite("homa-queue-disc", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaQueueDiscTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaControlFirstTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaDeviceQueueTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaDeviceQueueTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaPriorityDeviceQueueTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaQueueDiscTestSuite g_homaQueueDiscTestSuite; //!< registers the suite
