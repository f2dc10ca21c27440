/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-shared-buffer: a switch's buffer shared by its ports (SharedBuffer). Admissions by
// dynamic threshold against hand-computed sequences (one, two and eight congested queues;
// alpha per level), the static split, a burst that the static split drops and the dynamic
// threshold holds, releases; then a fabric whose switches share their buffers, where an
// incast fills the receiver's port to the threshold the rule predicts, and no further.

#include "ns3/fifo-queue-disc.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-queue-disc-item.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/packet.h"
#include "ns3/ppp-header.h"
#include "ns3/priority-device-queue.h"
#include "ns3/shared-buffer-queue.h"
#include "ns3/shared-buffer-series.h"
#include "ns3/shared-buffer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>

using namespace ns3;

namespace
{

/// \param size pool bytes \param policy DynamicThreshold or Static \return a buffer
Ptr<SharedBuffer>
MakeBuffer(uint64_t size, const std::string& policy = "DynamicThreshold")
{
    return CreateObjectWithAttributes<SharedBuffer>("Size",
                                                    UintegerValue(size),
                                                    "Policy",
                                                    StringValue(policy));
}

/// \param tos the IPv4 TOS byte \return a 1,000-byte queue disc item (980 + 20 header)
Ptr<QueueDiscItem>
MakeItem(uint8_t tos)
{
    Ipv4Header h;
    h.SetTos(tos);
    h.SetPayloadSize(980);
    return Create<Ipv4QueueDiscItem>(Create<Packet>(980), Address(), 0x0800, h);
}

} // namespace

/**
 * Dynamic thresholds, alpha 1, a 1000-byte pool, 100-byte packets:
 * - one congested queue takes packets while it holds less than the free buffer: 5 of them
 *   (500 B = alpha B / (1 + alpha));
 * - two queues filled in turn: 0<1000, 0<900, 100<800, 100<700, 200<600, 200<500, 300<400,
 *   then 300 < 300 fails for the second and 400 < 300 for the first: 400 and 300 B;
 * - eight queues in turn settle at most at B / 9 each (111 B: two packets, the first round's
 *   queues taking a second one while the free buffer allows);
 * - the pool's own limit refuses what does not fit, whatever the threshold;
 * - a release lowers the occupancy and raises the threshold again.
 */
class SharedBufferThresholdTest : public TestCase
{
  public:
    SharedBufferThresholdTest()
        : TestCase("dynamic threshold: one, two and eight congested queues; pool limit; release")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SharedBuffer> b = MakeBuffer(1000);
        uint32_t p0 = b->AddPort();
        uint32_t p1 = b->AddPort();
        NS_TEST_ASSERT_MSG_EQ(p1, 1u, "ports numbered in order");
        uint32_t admitted = 0;
        for (int i = 0; i < 10; ++i)
        {
            admitted += b->Admit(p0, 3, 100);
        }
        NS_TEST_EXPECT_MSG_EQ(admitted, 5u, "one queue: alpha B / (1 + alpha)");
        NS_TEST_EXPECT_MSG_EQ(b->GetQueueOccupancy(p0, 3), 500u, "500 B held");
        NS_TEST_EXPECT_MSG_EQ(b->GetThreshold(3), 500u, "threshold = free buffer");
        NS_TEST_EXPECT_MSG_EQ(b->GetDrops(p0, 3, SharedBuffer::THRESHOLD), 5u, "5 refused");
        // Release one packet: the queue may take one again.
        b->Release(p0, 3, 100);
        NS_TEST_EXPECT_MSG_EQ(b->GetOccupancy(), 400u, "released");
        NS_TEST_EXPECT_MSG_EQ(b->Admit(p0, 3, 100), true, "room again");
        NS_TEST_EXPECT_MSG_EQ(b->GetPeakOccupancy(), 500u, "peak");

        Ptr<SharedBuffer> two = MakeBuffer(1000);
        two->AddPort();
        two->AddPort();
        std::vector<bool> got;
        for (int i = 0; i < 9; ++i)
        {
            got.push_back(two->Admit(i % 2, 0, 100));
        }
        std::vector<bool> expected{true, true, true, true, true, true, true, false, false};
        NS_TEST_EXPECT_MSG_EQ((got == expected), true, "two queues: the hand-computed order");
        NS_TEST_EXPECT_MSG_EQ(two->GetPortOccupancy(0), 400u, "first queue 400 B");
        NS_TEST_EXPECT_MSG_EQ(two->GetPortOccupancy(1), 300u, "second queue 300 B");

        Ptr<SharedBuffer> eight = MakeBuffer(1000);
        for (int i = 0; i < 8; ++i)
        {
            eight->AddPort();
        }
        for (int round = 0; round < 5; ++round)
        {
            for (uint32_t q = 0; q < 8; ++q)
            {
                eight->Admit(q, 0, 100);
            }
        }
        uint64_t most = 0;
        for (uint32_t q = 0; q < 8; ++q)
        {
            most = std::max(most, eight->GetPortOccupancy(q));
            NS_TEST_EXPECT_MSG_GT_OR_EQ(eight->GetPortOccupancy(q), 100u, "every queue some");
        }
        // Round 1: 8 x 100 B (each 0 < free). Round 2: queue 0 has 100 < 200 (free), takes
        // one (900 held); queue 1: 100 < 100 fails, and so on.
        NS_TEST_EXPECT_MSG_EQ(eight->GetOccupancy(), 900u, "900 B held");
        NS_TEST_EXPECT_MSG_EQ(most, 200u, "one queue took a second packet");
        NS_TEST_EXPECT_MSG_EQ(eight->GetPortOccupancy(1), 100u, "the others one");

        // The pool itself: a 1000-byte packet fits an empty pool, a second byte does not.
        Ptr<SharedBuffer> pool = MakeBuffer(1000);
        pool->AddPort();
        pool->AddPort();
        NS_TEST_EXPECT_MSG_EQ(pool->Admit(0, 7, 400), true, "400 B");
        NS_TEST_EXPECT_MSG_EQ(pool->Admit(1, 7, 700), false, "700 more do not fit");
        NS_TEST_EXPECT_MSG_EQ(pool->GetDrops(1, 7, SharedBuffer::POOL_FULL), 1u, "pool full");
        NS_TEST_EXPECT_MSG_EQ(pool->GetTotalDrops(), 1u, "one drop in all");
    }
};

/**
 * Alpha per level: with alphas 1/2 for level 0 and 8 for level 7, a 900-byte pool and
 * 100-byte packets, level 0 alone stops at 300 B (alpha B / (1 + alpha)), and level 7 on
 * another port then fills to 400 B more: 400 < 8 x (900 - 700) = 1600 admits, the pool
 * limit stops it at 900 B held.
 */
class SharedBufferAlphaTest : public TestCase
{
  public:
    SharedBufferAlphaTest()
        : TestCase("dynamic threshold: alpha per level gives a level more headroom")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SharedBuffer> b = MakeBuffer(900);
        b->SetAttribute("Alphas", StringValue("0.5 1 1 1 1 1 1 8"));
        uint32_t low = b->AddPort();
        uint32_t high = b->AddPort();
        uint32_t n = 0;
        while (b->Admit(low, 0, 100))
        {
            ++n;
        }
        NS_TEST_EXPECT_MSG_EQ(n, 3u, "level 0: 300 B of a 900 B pool");
        n = 0;
        while (b->Admit(high, 7, 100))
        {
            ++n;
        }
        NS_TEST_EXPECT_MSG_EQ(n, 6u, "level 7 fills the rest");
        NS_TEST_EXPECT_MSG_EQ(b->GetOccupancy(), 900u, "the pool is full");
        NS_TEST_EXPECT_MSG_EQ(b->GetDrops(high, 7, SharedBuffer::POOL_FULL), 1u, "by the pool");
        NS_TEST_EXPECT_MSG_EQ(b->GetDrops(low, 0, SharedBuffer::THRESHOLD), 1u, "by alpha");
    }
};

/**
 * A burst into one port: with the buffer divided statically (200 B per port of a 1000 B
 * switch) five 100-byte packets lose three; with one dynamic threshold (alpha 1) the same
 * burst is held whole, 500 B, as the other ports are idle.
 */
class SharedBufferStaticTest : public TestCase
{
  public:
    SharedBufferStaticTest()
        : TestCase("a burst that a static split drops and the dynamic threshold holds")
    {
    }

  private:
    void DoRun() override
    {
        for (std::string policy : {"Static", "DynamicThreshold"})
        {
            Ptr<SharedBuffer> b = MakeBuffer(1000, policy);
            b->SetAttribute("PortLimit", UintegerValue(200));
            for (int i = 0; i < 5; ++i)
            {
                b->AddPort();
            }
            uint32_t held = 0;
            for (int i = 0; i < 5; ++i)
            {
                held += b->Admit(2, 4, 100);
            }
            if (policy == "Static")
            {
                NS_TEST_EXPECT_MSG_EQ(held, 2u, "static: 200 B per port");
                NS_TEST_EXPECT_MSG_EQ(b->GetDrops(2, 4, SharedBuffer::PORT_LIMIT), 3u, "3 lost");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(held, 5u, "shared: the whole burst");
                NS_TEST_EXPECT_MSG_EQ(b->GetTotalDrops(), 0u, "none lost");
            }
        }
    }
};

/**
 * The fabric with shared buffers: 2 racks x 4 hosts; seven hosts send UDP at full rate to
 * host 0 for 200 us. The ToR's port to host 0 is the only congested queue of its switch, so
 * with alpha 1 it holds at most half of the 60,000-byte pool (less than 30,000 B, plus the
 * packet admitted just below the threshold); the ToR's pool peaks there and drops by
 * threshold at that port and level only; every queue's bytes go back when it drains. The
 * same with a FIFO queue disc on every port (each switch port's internal queue a
 * SharedBufferQueue), whose internal-queue drops are the buffer's.
 */
class SharedBufferFabricTest : public TestCase
{
  public:
    /// \param queueDiscs FIFO queue discs on the ports (else device queues)
    explicit SharedBufferFabricTest(bool queueDiscs)
        : TestCase(std::string("fabric: an incast fills one port to the threshold the rule "
                               "predicts, ") +
                   (queueDiscs ? "queue discs" : "device queues")),
          m_queueDiscs(queueDiscs)
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(4);
        fabric.SetSpines(2);
        fabric.SetPortQueue("ns3::PriorityDeviceQueue", "MaxSize", StringValue("100000p"));
        if (m_queueDiscs)
        {
            TrafficControlHelper fifo;
            fifo.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", StringValue("100000p"));
            fabric.SetQueueDiscs(fifo, fifo, fifo);
        }
        fabric.SetSharedBuffer("ns3::SharedBuffer", "Size", UintegerValue(60000));
        fabric.Install();
        Ptr<SharedBuffer> tor0 = LeafSpineHelper::GetSharedBuffer(fabric.GetTors().Get(0));
        NS_TEST_ASSERT_MSG_NE(tor0, nullptr, "the ToR has a buffer");
        NS_TEST_EXPECT_MSG_EQ(tor0->GetNPorts(), 6u, "4 host ports and 2 uplinks");
        NS_TEST_EXPECT_MSG_EQ(
            LeafSpineHelper::GetSharedBuffer(fabric.GetSpines().Get(1))->GetNPorts(),
            2u,
            "a spine's two ports");
        NS_TEST_EXPECT_MSG_EQ(LeafSpineHelper::GetSharedBuffer(fabric.GetHosts().Get(0)),
                              nullptr,
                              "hosts have none");
        Ptr<Socket> sink =
            Socket::CreateSocket(fabric.GetHosts().Get(0), UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        std::vector<Ptr<Socket>> senders;
        for (uint32_t h = 1; h < 8; ++h)
        {
            Ptr<Socket> s =
                Socket::CreateSocket(fabric.GetHosts().Get(h), UdpSocketFactory::GetTypeId());
            senders.push_back(s);
            // 1472-byte datagrams every 1.2 us (9.8 Gbps of 1500-byte packets) for 200 us.
            for (uint32_t k = 0; k < 166; ++k)
            {
                Simulator::Schedule(NanoSeconds(1200 * k), [s, &fabric]() {
                    s->SendTo(Create<Packet>(1472),
                              0,
                              InetSocketAddress(fabric.GetHostAddress(0), 9));
                });
            }
        }
        Simulator::Stop(MilliSeconds(2));
        Simulator::Run();
        // The ToR's port 0 faces host 0; it alone congests (level 0: TOS 0).
        uint64_t peak = tor0->GetPortPeak(0);
        NS_TEST_EXPECT_MSG_LT(peak, 30000u + 1502, "below half the pool, plus one packet");
        NS_TEST_EXPECT_MSG_GT(peak, 30000u - 1502, "up to the threshold");
        NS_TEST_EXPECT_MSG_EQ(tor0->GetPeakOccupancy(), peak, "the pool's peak is that port's");
        NS_TEST_EXPECT_MSG_GT(tor0->GetDrops(0, 0, SharedBuffer::THRESHOLD), 0u, "drops there");
        NS_TEST_EXPECT_MSG_EQ(tor0->GetTotalDrops(),
                              tor0->GetDrops(0, 0, SharedBuffer::THRESHOLD),
                              "and nowhere else");
        NS_TEST_EXPECT_MSG_EQ(tor0->GetOccupancy(), 0u, "every byte given back");
        Ptr<NetDevice> port0 = fabric.GetTors().Get(0)->GetDevice(0);
        uint64_t queueDrops = 0;
        if (m_queueDiscs)
        {
            Ptr<QueueDisc> qdisc =
                fabric.GetTors().Get(0)->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(
                    port0);
            NS_TEST_ASSERT_MSG_NE(qdisc, nullptr, "a queue disc on the port");
            NS_TEST_EXPECT_MSG_NE(DynamicCast<SharedBufferQueue>(qdisc->GetInternalQueue(0)),
                                  nullptr,
                                  "its internal queue takes from the buffer");
            queueDrops = qdisc->GetStats().GetNDroppedPackets(QueueDisc::INTERNAL_QUEUE_DROP);
        }
        else
        {
            Ptr<PriorityDeviceQueue> q =
                DynamicCast<PriorityDeviceQueue>(LeafSpineHelper::DeviceQueue(port0));
            NS_TEST_ASSERT_MSG_NE(q, nullptr, "a PriorityDeviceQueue");
            queueDrops = q->GetDrops(0);
        }
        NS_TEST_EXPECT_MSG_EQ(queueDrops,
                              tor0->GetDrops(0, 0, SharedBuffer::THRESHOLD),
                              "the queue counts the buffer's drops");
        Simulator::Destroy();
    }

    bool m_queueDiscs; //!< FIFO queue discs on the ports
};

/**
 * The same fabric, one switch's buffer split two ways: seven hosts each send a burst of 20
 * UDP datagrams (1,500-byte packets) at line rate to host 0 at once, about 170 kB queued at
 * the ToR's port to host 0. Split statically (100 kB per port of a 1 MB pool) the port drops
 * packets (PORT_LIMIT, at that port only) and host 0 gets 140 less the drops; with the same
 * pool and dynamic thresholds (alpha 1: up to 500 kB for one congested port) nothing is
 * dropped and all 140 arrive.
 */
class SharedBufferFabricStaticTest : public TestCase
{
  public:
    SharedBufferFabricStaticTest()
        : TestCase("fabric: an incast burst that a static split drops and DT holds whole")
    {
    }

  private:
    /// One run. \param policy Static or DynamicThreshold \param drops the ToR's drops
    /// \param portLimitDrops ... at port 0 for the port limit \return datagrams host 0 got
    static uint32_t Run(const std::string& policy, uint64_t& drops, uint64_t& portLimitDrops)
    {
        LeafSpineHelper fabric;
        fabric.SetRacks(1);
        fabric.SetHostsPerRack(8);
        fabric.SetSpines(1);
        fabric.SetPortQueue("ns3::PriorityDeviceQueue", "MaxSize", StringValue("100000p"));
        fabric.SetHostQueue("ns3::PriorityDeviceQueue", "MaxSize", StringValue("100000p"));
        fabric.SetSharedBuffer("ns3::SharedBuffer",
                               "Size",
                               UintegerValue(1000000),
                               "Policy",
                               StringValue(policy),
                               "PortLimit",
                               UintegerValue(100000));
        fabric.Install();
        uint32_t received = 0;
        Ptr<Socket> sink =
            Socket::CreateSocket(fabric.GetHosts().Get(0), UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        sink->SetRecvCallback(MakeBoundCallback(
            +[](uint32_t* n, Ptr<Socket> s) {
                while (s->Recv())
                {
                    ++*n;
                }
            },
            &received));
        for (uint32_t h = 1; h < 8; ++h)
        {
            Ptr<Socket> s =
                Socket::CreateSocket(fabric.GetHosts().Get(h), UdpSocketFactory::GetTypeId());
            Ipv4Address to = fabric.GetHostAddress(0);
            Simulator::Schedule(Seconds(0), [s, to]() {
                for (int k = 0; k < 20; ++k)
                {
                    s->SendTo(Create<Packet>(1472), 0, InetSocketAddress(to, 9));
                }
            });
        }
        Simulator::Stop(MilliSeconds(2));
        Simulator::Run();
        Ptr<SharedBuffer> tor = LeafSpineHelper::GetSharedBuffer(fabric.GetTors().Get(0));
        drops = tor->GetTotalDrops();
        portLimitDrops = tor->GetDrops(0, 0, SharedBuffer::PORT_LIMIT);
        Simulator::Destroy();
        return received;
    }

    void DoRun() override
    {
        uint64_t drops = 0;
        uint64_t portLimit = 0;
        uint32_t got = Run("Static", drops, portLimit);
        NS_TEST_EXPECT_MSG_GT(drops, 0u, "static: the burst overflows the port's 100 kB");
        NS_TEST_EXPECT_MSG_EQ(portLimit, drops, "all at port 0, for the port limit");
        NS_TEST_EXPECT_MSG_EQ(got + drops, 140u, "every datagram arrived or was dropped");
        got = Run("DynamicThreshold", drops, portLimit);
        NS_TEST_EXPECT_MSG_EQ(drops, 0u, "dynamic threshold: nothing dropped");
        NS_TEST_EXPECT_MSG_EQ(got, 140u, "all 140 datagrams arrived");
    }
};

/**
 * The time-weighted occupancy: 1000 B held for 10 us then nothing for 90 us gives a median
 * of the first bin and a 95th percentile of the 1000-byte bin (100-byte bins, upper edges);
 * after ResetStatistics only the time since counts.
 */
class SharedBufferHistogramTest : public TestCase
{
  public:
    SharedBufferHistogramTest()
        : TestCase("time-weighted occupancy quantiles and the peak since a reset")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SharedBuffer> b = MakeBuffer(10000);
        b->SetAttribute("HistogramBin", UintegerValue(100));
        uint32_t port = b->AddPort();
        b->Admit(port, 0, 1000);
        Simulator::Schedule(MicroSeconds(10), [b, port]() { b->Release(port, 0, 1000); });
        Simulator::Schedule(MicroSeconds(100), [this, b, port]() {
            NS_TEST_EXPECT_MSG_EQ(b->GetOccupancyQuantile(0.5), 100u, "mostly empty");
            NS_TEST_EXPECT_MSG_EQ(b->GetOccupancyQuantile(0.95), 1100u, "10 % at 1000 B");
            NS_TEST_EXPECT_MSG_EQ(b->GetPeakSinceReset(), 1000u, "peak");
            b->ResetStatistics();
            b->Admit(port, 0, 300);
        });
        Simulator::Schedule(MicroSeconds(110), [this, b]() {
            NS_TEST_EXPECT_MSG_EQ(b->GetOccupancyQuantile(0.5), 400u, "300 B since the reset");
            NS_TEST_EXPECT_MSG_EQ(b->GetPeakSinceReset(), 300u, "the new peak");
            NS_TEST_EXPECT_MSG_EQ(b->GetPeakOccupancy(), 1000u, "the all-time peak");
        });
        Simulator::Run();
        Simulator::Destroy();
    }
};

/**
 * A PriorityDeviceQueue on a shared buffer: it asks the buffer for each packet its own
 * limit lets in, gives the bytes back as packets leave (Dequeue and Remove), and a packet
 * over its own MaxSize never reaches the buffer.
 */
class SharedBufferQueueTest : public TestCase
{
  public:
    SharedBufferQueueTest()
        : TestCase("a device queue takes from and gives back to the shared buffer")
    {
    }

  private:
    /// \param level priority \param bytes IPv4 payload \return a framed packet
    static Ptr<Packet> Frame(uint8_t level, uint32_t bytes)
    {
        Ptr<Packet> p = Create<Packet>(bytes);
        Ipv4Header h;
        h.SetTos(static_cast<uint8_t>(level << 5));
        h.SetPayloadSize(bytes);
        p->AddHeader(h);
        PppHeader ppp;
        ppp.SetProtocol(0x0021);
        p->AddHeader(ppp);
        return p;
    }

    void DoRun() override
    {
        Ptr<SharedBuffer> b = MakeBuffer(1000);
        Ptr<PriorityDeviceQueue> q = CreateObject<PriorityDeviceQueue>();
        q->SetAttribute("MaxSize", StringValue("3p"));
        q->SetSharedBuffer(b, b->AddPort());
        // 122-byte frames (100 B payload, 20 IPv4, 2 PPP).
        NS_TEST_EXPECT_MSG_EQ(q->Enqueue(Frame(5, 100)), true, "first");
        NS_TEST_EXPECT_MSG_EQ(q->Enqueue(Frame(2, 100)), true, "second");
        NS_TEST_EXPECT_MSG_EQ(q->Enqueue(Frame(5, 100)), true, "third");
        NS_TEST_EXPECT_MSG_EQ(b->GetOccupancy(), 366u, "three frames held");
        NS_TEST_EXPECT_MSG_EQ(b->GetQueueOccupancy(0, 5), 244u, "two at level 5");
        NS_TEST_EXPECT_MSG_EQ(q->Enqueue(Frame(5, 100)), false, "over MaxSize");
        NS_TEST_EXPECT_MSG_EQ(b->GetTotalDrops(), 0u, "the buffer never saw it");
        NS_TEST_EXPECT_MSG_EQ(b->GetPeakOccupancy(), 366u, "nor counted it");
        NS_TEST_EXPECT_MSG_EQ(q->Dequeue()->GetSize(), 122u, "level 5 first");
        NS_TEST_EXPECT_MSG_EQ(b->GetQueueOccupancy(0, 5), 122u, "given back");
        q->Remove();
        q->Dequeue();
        NS_TEST_EXPECT_MSG_EQ(b->GetOccupancy(), 0u, "all given back");
        // A pool of 1000 B with alpha 1 takes a queue to 500 B: the fifth frame (488 B held
        // before it) is admitted, the sixth (610 B) not.
        q->SetAttribute("MaxSize", StringValue("100p"));
        uint32_t n = 0;
        while (q->Enqueue(Frame(1, 100)))
        {
            ++n;
        }
        NS_TEST_EXPECT_MSG_EQ(n, 5u, "the threshold, not MaxSize");
        NS_TEST_EXPECT_MSG_EQ(q->GetDrops(1), 1u, "the queue counts the refusal");
        NS_TEST_EXPECT_MSG_EQ(b->GetDrops(0, 1, SharedBuffer::THRESHOLD), 1u, "by threshold");
    }
};

/**
 * A queue disc's internal queue on the shared buffer, 10,000 bytes, alpha 1, 1,000-byte items:
 * port 0 takes 5 of 8 (the k-th is admitted while 1000k < 10000 - 1000k), port 1 at level 5
 * (TOS 0xa0) 3 of 4 (1000j < 5000 - 1000j); the refused count as the queue's drops and the
 * buffer's threshold drops at their port and level. Dequeue and Remove give the bytes back;
 * Peek does not. A queue whose own MaxSize is reached drops without asking the buffer.
 */
class SharedBufferQueueDiscTest : public TestCase
{
  public:
    SharedBufferQueueDiscTest()
        : TestCase("a queue disc's internal queue takes from and gives back to the buffer")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SharedBuffer> buffer = MakeBuffer(10000);
        buffer->SetAttribute("Alphas", StringValue("1 1 1 1 1 1 1 1"));
        std::vector<Ptr<SharedBufferQueue>> q;
        for (uint32_t i = 0; i < 3; ++i)
        {
            q.push_back(CreateObject<SharedBufferQueue>());
            q[i]->SetMaxSize(QueueSize(i < 2 ? "100p" : "2p"));
            q[i]->SetSharedBuffer(buffer, buffer->AddPort());
        }
        uint32_t admitted0 = 0;
        for (int k = 0; k < 8; ++k)
        {
            admitted0 += q[0]->Enqueue(MakeItem(0)) ? 1 : 0;
        }
        uint32_t admitted1 = 0;
        for (int j = 0; j < 4; ++j)
        {
            admitted1 += q[1]->Enqueue(MakeItem(0xa0)) ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(admitted0, 5, "port 0: up to half the pool");
        NS_TEST_EXPECT_MSG_EQ(admitted1, 3, "port 1: a third of what is left");
        NS_TEST_EXPECT_MSG_EQ(q[0]->GetTotalDroppedPackets(), 3, "port 0's queue drops");
        NS_TEST_EXPECT_MSG_EQ(q[1]->GetTotalDroppedPackets(), 1, "port 1's queue drops");
        NS_TEST_EXPECT_MSG_EQ(buffer->GetDrops(0, 0, SharedBuffer::THRESHOLD), 3, "level 0");
        NS_TEST_EXPECT_MSG_EQ(buffer->GetDrops(1, 5, SharedBuffer::THRESHOLD), 1, "level 5");
        NS_TEST_EXPECT_MSG_EQ(buffer->GetQueueOccupancy(1, 5), 3000, "port 1 holds at level 5");
        NS_TEST_EXPECT_MSG_EQ(buffer->GetOccupancy(), 8000, "the pool holds 8 items");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(SharedBufferQueue::Level(MakeItem(0xa0))), 5, "level");
        NS_TEST_EXPECT_MSG_NE(q[0]->Peek(), nullptr, "peek");
        NS_TEST_EXPECT_MSG_EQ(buffer->GetOccupancy(), 8000, "peeking gives nothing back");
        for (int k = 0; k < 5; ++k)
        {
            q[0]->Dequeue();
        }
        NS_TEST_EXPECT_MSG_EQ(q[0]->Dequeue(), nullptr, "port 0 empty");
        NS_TEST_EXPECT_MSG_EQ(buffer->GetOccupancy(), 3000, "port 0's bytes back");
        q[1]->Remove();
        NS_TEST_EXPECT_MSG_EQ(buffer->GetOccupancy(), 2000, "a removed item's bytes back");
        uint32_t admitted2 = 0;
        for (int k = 0; k < 3; ++k)
        {
            admitted2 += q[2]->Enqueue(MakeItem(0)) ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(admitted2, 2, "the queue's own limit: 2 packets");
        NS_TEST_EXPECT_MSG_EQ(buffer->GetTotalDrops(), 4, "the buffer never saw the third");
        NS_TEST_EXPECT_MSG_EQ(buffer->GetOccupancy(), 4000, "two more items held");
    }
};

/**
 * The occupancy over time, intervals of 10 us: 1000 B admitted at 5 us and 500 B at 7 us,
 * all released at 12 us, 200 B admitted at 25 us. The most bytes per interval are 1500 (0-10
 * us), 1500 (10-20: held at its start), 200 (20-30) and 200 (30-40, no change), in the CSV
 * to the byte.
 */
class SharedBufferSeriesTest : public TestCase
{
  public:
    SharedBufferSeriesTest()
        : TestCase("occupancy over time: the most bytes held per interval, as CSV")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SharedBuffer> b = MakeBuffer(100000);
        b->AddPort();
        SharedBufferSeries series(MicroSeconds(10));
        series.Add("pool", b);
        Simulator::Schedule(MicroSeconds(5), [b]() { b->Admit(0, 0, 1000); });
        Simulator::Schedule(MicroSeconds(7), [b]() { b->Admit(0, 1, 500); });
        Simulator::Schedule(MicroSeconds(12), [b]() {
            b->Release(0, 0, 1000);
            b->Release(0, 1, 500);
        });
        Simulator::Schedule(MicroSeconds(25), [b]() { b->Admit(0, 0, 200); });
        Simulator::Stop(MicroSeconds(35));
        Simulator::Run();
        std::vector<uint64_t> most = series.GetMost(0, Simulator::Now());
        std::vector<uint64_t> expected{1500, 1500, 200, 200};
        NS_TEST_EXPECT_MSG_EQ((most == expected), true, "1500, 1500, 200, 200");
        std::ostringstream csv;
        series.Write(csv, Simulator::Now());
        NS_TEST_EXPECT_MSG_EQ(csv.str(),
                              "time_ms,pool\n0,1500\n0.01,1500\n0.02,200\n0.03,200\n",
                              "the CSV");
        Simulator::Destroy();
    }
};

/// The homa-shared-buffer suite.
class SharedBufferTestSuite : public TestSuite
{
  public:
    SharedBufferTestSuite()
        : TestSuite("homa-shared-buffer", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new SharedBufferThresholdTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferAlphaTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferStaticTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferHistogramTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferQueueTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferQueueDiscTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferFabricTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferFabricTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferFabricStaticTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new SharedBufferSeriesTest, NS3_COMPAT_TEST_QUICK);
    }
};

/// The suite's one instance.
static SharedBufferTestSuite g_sharedBufferTestSuite;
