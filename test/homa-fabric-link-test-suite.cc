/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-fabric-link: FabricNetDevice and FabricChannel (FabricLinkHelper): the
// frames, transmission and arrival times of PointToPointNetDevice to the nanosecond, payloads
// intact, the PPP protocol numbers, drops at a full queue, receive error models, traces,
// DLT_PPP captures and where flow control is set up.
// (Equality with point-to-point links under load is in homa-datacenter; across MPI ranks in
// utils/mpi-test.sh.)

#include "ns3/data-rate.h"
#include "ns3/error-model.h"
#include "ns3/fabric-link-helper.h"
#include "ns3/fabric-net-device.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/node.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/packet.h"
#include "ns3/pcap-file.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/queue-size.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <cstdio>
#include <list>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint16_t ETHER_IPV4 = 0x0800;
constexpr uint16_t ETHER_IPV6 = 0x86DD;

/// A frame as the receiving node's stack got it.
struct Arrival
{
    int64_t ns;                 //!< when
    uint16_t protocol;          //!< link-layer protocol handed up
    std::vector<uint8_t> bytes; //!< the packet without the PPP header
};

/// What one link run gave.
struct LinkRun
{
    std::vector<Arrival> arrivals;   //!< at node b, in order
    std::vector<bool> accepted;      //!< Send's answers, in order
    uint32_t txDrops{0};             //!< MacTxDrop at a
    uint32_t txBegins{0};            //!< PhyTxBegin at a
    uint32_t txEnds{0};              //!< PhyTxEnd at a
    std::vector<uint32_t> macRxSize; //!< MacRx at b: frame sizes (with PPP)
    uint32_t rxDrops{0};             //!< PhyRxDrop at b
};

/// \param n bytes \param seed first byte \return a packet of n pattern bytes
Ptr<Packet>
Pattern(uint32_t n, uint8_t seed)
{
    std::vector<uint8_t> bytes(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        bytes[i] = static_cast<uint8_t>(seed + i * 7);
    }
    return Create<Packet>(bytes.data(), n);
}

/// Counter sink. \param count incremented \param packet the packet
void
Count(uint32_t* count, Ptr<const Packet> packet)
{
    ++*count;
}

/// Size sink. \param sizes appended to \param packet the packet
void
Size(std::vector<uint32_t>* sizes, Ptr<const Packet> packet)
{
    sizes->push_back(packet->GetSize());
}

/**
 * Two nodes, one 8 Gbps link with a 500 ns delay (a 1,002-byte frame takes 1,002 ns), a
 * transmit queue of \p queuePackets at each end; node a sends \p burst frames of 1,000 bytes
 * at 0 (IPv4) and one at 10 us (IPv6).
 * \param lean FabricLinkHelper (else PointToPointHelper)
 * \param queuePackets the queues' limit
 * \param burst frames at 0
 * \param pcap capture a's device to this file (empty: none)
 * \param lose b's receive error model loses the frames of these indices (0: the first)
 * \return what happened
 */
LinkRun
RunLink(bool lean,
        uint32_t queuePackets,
        uint32_t burst,
        std::string pcap = "",
        std::list<uint32_t> lose = {})
{
    NodeContainer nodes;
    nodes.Create(2);
    NetDeviceContainer devices;
    QueueSizeValue limit(QueueSize(QueueSizeUnit::PACKETS, queuePackets));
    if (lean)
    {
        FabricLinkHelper link;
        link.SetDeviceAttribute("DataRate", DataRateValue(DataRate("8Gbps")));
        link.SetChannelAttribute("Delay", TimeValue(NanoSeconds(500)));
        link.SetQueue("ns3::DropTailQueue", "MaxSize", limit);
        devices = link.Install(nodes.Get(0), nodes.Get(1));
        if (!pcap.empty())
        {
            link.EnablePcap(pcap, devices.Get(0), false, true);
        }
    }
    else
    {
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", DataRateValue(DataRate("8Gbps")));
        link.SetChannelAttribute("Delay", TimeValue(NanoSeconds(500)));
        link.SetQueue("ns3::DropTailQueue", "MaxSize", limit);
        devices = link.Install(nodes.Get(0), nodes.Get(1));
    }
    LinkRun run;
    Ptr<NetDevice> a = devices.Get(0);
    Ptr<NetDevice> b = devices.Get(1);
    a->TraceConnectWithoutContext("MacTxDrop", MakeBoundCallback(&Count, &run.txDrops));
    a->TraceConnectWithoutContext("PhyTxBegin", MakeBoundCallback(&Count, &run.txBegins));
    a->TraceConnectWithoutContext("PhyTxEnd", MakeBoundCallback(&Count, &run.txEnds));
    b->TraceConnectWithoutContext("MacRx", MakeBoundCallback(&Size, &run.macRxSize));
    b->TraceConnectWithoutContext("PhyRxDrop", MakeBoundCallback(&Count, &run.rxDrops));
    if (!lose.empty())
    {
        Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
        em->SetList(lose);
        b->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
    b->SetReceiveCallback(
        [&run](Ptr<NetDevice>, Ptr<const Packet> p, uint16_t protocol, const Address&) {
            Arrival arrival{Simulator::Now().GetNanoSeconds(), protocol, {}};
            arrival.bytes.resize(p->GetSize());
            p->CopyData(arrival.bytes.data(), p->GetSize());
            run.arrivals.push_back(arrival);
            return true;
        });
    Simulator::Schedule(Seconds(0), [&run, a, burst]() {
        for (uint32_t i = 0; i < burst; ++i)
        {
            run.accepted.push_back(a->Send(Pattern(1000, i), a->GetBroadcast(), ETHER_IPV4));
        }
    });
    Simulator::Schedule(MicroSeconds(10), [&run, a]() {
        run.accepted.push_back(a->Send(Pattern(1000, 99), a->GetBroadcast(), ETHER_IPV6));
    });
    Simulator::Run();
    Simulator::Destroy();
    return run;
}

} // namespace

/**
 * \ingroup homa-tests
 * Three frames at once and one 10 us later, through FabricNetDevice and through
 * PointToPointNetDevice: arrivals at 1,502, 2,504, 3,506 and 11,502 ns (1,002 ns per frame
 * at 8 Gbps, back to back, plus 500 ns), byte-exact payloads, IPv4 and IPv6 protocol numbers
 * handed up, the same traces (4 PhyTxBegin/End; MacRx sees the 1,002-byte frames) — and both
 * devices alike, field by field.
 */
class HomaFabricLinkTimingTest : public TestCase
{
  public:
    HomaFabricLinkTimingTest()
        : TestCase("fabric link: point-to-point's times to the ns, payloads, protocols, traces")
    {
    }

  private:
    void DoRun() override
    {
        LinkRun lean = RunLink(true, 100, 3);
        LinkRun p2p = RunLink(false, 100, 3);
        const int64_t expected[] = {1502, 2504, 3506, 11502};
        NS_TEST_ASSERT_MSG_EQ(lean.arrivals.size(), 4, "four frames arrived");
        for (uint32_t i = 0; i < 4; ++i)
        {
            const Arrival& got = lean.arrivals[i];
            NS_TEST_EXPECT_MSG_EQ(got.ns, expected[i], "arrival time of frame " << i);
            NS_TEST_EXPECT_MSG_EQ(got.protocol, (i < 3 ? ETHER_IPV4 : ETHER_IPV6), "protocol");
            std::vector<uint8_t> want(1000);
            Pattern(1000, i < 3 ? i : 99)->CopyData(want.data(), 1000);
            NS_TEST_EXPECT_MSG_EQ((got.bytes == want), true, "payload of frame " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(lean.txBegins, 4, "PhyTxBegin per frame");
        NS_TEST_EXPECT_MSG_EQ(lean.txEnds, 4, "PhyTxEnd per frame");
        NS_TEST_EXPECT_MSG_EQ(lean.txDrops, 0, "no drop");
        NS_TEST_EXPECT_MSG_EQ((lean.macRxSize == std::vector<uint32_t>(4, 1002)),
                              true,
                              "MacRx sees the frames with their PPP header");
        NS_TEST_ASSERT_MSG_EQ(p2p.arrivals.size(), 4, "p2p: four frames arrived");
        for (uint32_t i = 0; i < 4; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(lean.arrivals[i].ns, p2p.arrivals[i].ns, "as p2p: time " << i);
            NS_TEST_EXPECT_MSG_EQ(lean.arrivals[i].protocol,
                                  p2p.arrivals[i].protocol,
                                  "as p2p: protocol " << i);
            NS_TEST_EXPECT_MSG_EQ((lean.arrivals[i].bytes == p2p.arrivals[i].bytes),
                                  true,
                                  "as p2p: bytes " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(p2p.txBegins + p2p.txEnds, lean.txBegins + lean.txEnds, "traces");
        NS_TEST_EXPECT_MSG_EQ((p2p.macRxSize == lean.macRxSize), true, "MacRx as p2p");
    }
};

/**
 * \ingroup homa-tests
 * A transmit queue of 2 packets and 5 frames at once: the first goes on the wire, two wait,
 * the fourth and fifth are refused (Send false, MacTxDrop twice); the frame 10 us later goes
 * through. As PointToPointNetDevice.
 */
class HomaFabricLinkQueueTest : public TestCase
{
  public:
    HomaFabricLinkQueueTest()
        : TestCase("fabric link: a full transmit queue refuses frames and traces the drops")
    {
    }

  private:
    void DoRun() override
    {
        LinkRun lean = RunLink(true, 2, 5);
        LinkRun p2p = RunLink(false, 2, 5);
        std::vector<bool> answers{true, true, true, false, false, true};
        NS_TEST_EXPECT_MSG_EQ((lean.accepted == answers), true, "Send's answers");
        NS_TEST_EXPECT_MSG_EQ(lean.txDrops, 2, "two drops traced");
        NS_TEST_ASSERT_MSG_EQ(lean.arrivals.size(), 4, "three of the burst and the late one");
        NS_TEST_EXPECT_MSG_EQ(lean.arrivals[2].bytes[0], 2, "the third frame arrived third");
        NS_TEST_EXPECT_MSG_EQ(lean.arrivals[3].bytes[0], 99, "then the late one");
        NS_TEST_EXPECT_MSG_EQ((p2p.accepted == answers), true, "p2p: the same answers");
        NS_TEST_EXPECT_MSG_EQ(p2p.txDrops, lean.txDrops, "p2p: the same drops");
    }
};

/**
 * \ingroup homa-tests
 * A receive error model losing the second and the fourth frame: two PhyRxDrop, the first and
 * third frames arrive at their times (1,502 and 3,506 ns), as with PointToPointNetDevice.
 */
class HomaFabricLinkErrorModelTest : public TestCase
{
  public:
    HomaFabricLinkErrorModelTest()
        : TestCase("fabric link: a receive error model loses the frames it picks, as p2p's")
    {
    }

  private:
    void DoRun() override
    {
        LinkRun lean = RunLink(true, 100, 3, "", {1, 3});
        LinkRun p2p = RunLink(false, 100, 3, "", {1, 3});
        NS_TEST_EXPECT_MSG_EQ(lean.rxDrops, 2, "two frames lost");
        NS_TEST_ASSERT_MSG_EQ(lean.arrivals.size(), 2, "two arrived");
        NS_TEST_EXPECT_MSG_EQ(lean.arrivals[0].ns, 1502, "the first at its time");
        NS_TEST_EXPECT_MSG_EQ(lean.arrivals[1].ns, 3506, "the third at its time");
        NS_TEST_EXPECT_MSG_EQ(lean.arrivals[1].bytes[0], 2, "the third frame's payload");
        NS_TEST_EXPECT_MSG_EQ(p2p.rxDrops, lean.rxDrops, "p2p: the same losses");
        NS_TEST_ASSERT_MSG_EQ(p2p.arrivals.size(), 2, "p2p: two arrived");
        NS_TEST_EXPECT_MSG_EQ(p2p.arrivals[1].ns, lean.arrivals[1].ns, "p2p: the same time");
    }
};

/**
 * \ingroup homa-tests
 * A capture of the sending device: a pcap file of link type DLT_PPP (9) with the four frames
 * sent, 1,002 bytes each, timestamped when their transmission began (0, 1,002 ns, 2,004 ns,
 * 10 us), each a PPP header (0x0021 IPv4, 0x0057 IPv6) and the payload.
 */
class HomaFabricLinkPcapTest : public TestCase
{
  public:
    HomaFabricLinkPcapTest()
        : TestCase("fabric link: DLT_PPP capture of the frames sent, headers and payloads")
    {
    }

  private:
    void DoRun() override
    {
        std::string file = CreateTempDirFilename("homa-fabric-link.pcap");
        RunLink(true, 100, 3, file);
        PcapFile pcap;
        pcap.Open(file, std::ios::in);
        NS_TEST_ASSERT_MSG_EQ(pcap.Fail(), false, "capture opened");
        NS_TEST_EXPECT_MSG_EQ(pcap.GetDataLinkType(), 9, "DLT_PPP");
        const int64_t startNs[] = {0, 1002, 2004, 10000};
        for (uint32_t i = 0; i < 4; ++i)
        {
            uint8_t data[2000];
            uint32_t sec = 0;
            uint32_t usec = 0;
            uint32_t inclLen = 0;
            uint32_t origLen = 0;
            uint32_t readLen = 0;
            pcap.Read(data, sizeof(data), sec, usec, inclLen, origLen, readLen);
            NS_TEST_ASSERT_MSG_EQ(pcap.Fail(), false, "record " << i);
            NS_TEST_EXPECT_MSG_EQ(origLen, 1002, "frame " << i << " length");
            NS_TEST_EXPECT_MSG_EQ(int64_t(sec) * 1000000 + usec,
                                  startNs[i] / 1000,
                                  "frame " << i << " timestamp (us)");
            uint16_t ppp = (uint16_t(data[0]) << 8) | data[1];
            NS_TEST_EXPECT_MSG_EQ(ppp, (i < 3 ? 0x0021 : 0x0057), "frame " << i << " PPP protocol");
            uint8_t seed = i < 3 ? i : 99;
            bool same = true;
            for (uint32_t k = 0; k < 1000; ++k)
            {
                same = same && data[2 + k] == static_cast<uint8_t>(seed + k * 7);
            }
            NS_TEST_EXPECT_MSG_EQ(same, true, "frame " << i << " payload");
        }
        uint8_t data[2000];
        uint32_t sec;
        uint32_t usec;
        uint32_t inclLen;
        uint32_t origLen;
        uint32_t readLen;
        pcap.Read(data, sizeof(data), sec, usec, inclLen, origLen, readLen);
        NS_TEST_EXPECT_MSG_EQ(pcap.Eof(), true, "four records, no more");
        pcap.Close();
        std::remove(file.c_str());
    }
};

/**
 * \ingroup homa-tests
 * Flow control: a device on a node with a traffic-control layer (an internet stack) gets a
 * NetDeviceQueueInterface connected to its queue, one on a node without (a fast switch) none,
 * and none anywhere after DisableFlowControl.
 */
class HomaFabricLinkFlowControlTest : public TestCase
{
  public:
    HomaFabricLinkFlowControlTest()
        : TestCase("fabric link: a queue interface where traffic control is, unless disabled")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer stack;
        stack.Create(2);
        InternetStackHelper internet;
        internet.Install(stack);
        Ptr<Node> bare = CreateObject<Node>();
        FabricLinkHelper link;
        NetDeviceContainer d = link.Install(stack.Get(0), bare);
        NS_TEST_EXPECT_MSG_NE(d.Get(0)->GetObject<NetDeviceQueueInterface>(),
                              nullptr,
                              "a queue interface on the node with traffic control");
        NS_TEST_EXPECT_MSG_EQ(d.Get(1)->GetObject<NetDeviceQueueInterface>(),
                              nullptr,
                              "none on the node without");
        link.DisableFlowControl();
        NetDeviceContainer e = link.Install(stack.Get(0), stack.Get(1));
        NS_TEST_EXPECT_MSG_EQ(e.Get(0)->GetObject<NetDeviceQueueInterface>(),
                              nullptr,
                              "none after DisableFlowControl");
        NS_TEST_EXPECT_MSG_EQ(e.Get(1)->GetObject<NetDeviceQueueInterface>(),
                              nullptr,
                              "none on either end");
        Simulator::Destroy();
    }
};

/// The homa-fabric-link suite.
class HomaFabricLinkTestSuite : public TestSuite
{
  public:
    HomaFabricLinkTestSuite()
        : TestSuite("homa-fabric-link", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaFabricLinkTimingTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFabricLinkQueueTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFabricLinkErrorModelTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFabricLinkFlowControlTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFabricLinkPcapTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaFabricLinkTestSuite g_homaFabricLinkTestSuite; //!< registers the suite
