/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-fabric: HomaFabricRouting (longest prefix, per-packet spraying for Homa, per-flow
// hashing for TCP) and the TCP/DCTCP baseline over HomaDatacenterHelper's fabric.

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/homa-datacenter-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/homa-tcp-baseline.h"
#include "ns3/homa-tcp-dctcp.h"
#include "ns3/homa-workload.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/red-queue-disc.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-socket-state.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <set>

using namespace ns3;

namespace
{

/// A packet's first transport bytes: the two ports.
Ptr<Packet>
Ports(uint16_t sport, uint16_t dport)
{
    uint8_t b[4] = {uint8_t(sport >> 8), uint8_t(sport), uint8_t(dport >> 8), uint8_t(dport)};
    return Create<Packet>(b, 4);
}

/// An IP header from 10.0.h.1 to 10.1.0.1 with the given protocol.
Ipv4Header
IpFor(uint8_t protocol, uint32_t h = 0)
{
    Ipv4Header ip;
    ip.SetSource(Ipv4Address(0x0a000001 | (h << 8)));
    ip.SetDestination(Ipv4Address("10.1.0.1"));
    ip.SetProtocol(protocol);
    return ip;
}

/// The baselines' TCP settings (as homa-datacenter sets them); DCTCP adds ECN.
void
ConfigureTcp(bool dctcp)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(MilliSeconds(5)));
    Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(MilliSeconds(5)));
    if (dctcp)
    {
        Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::HomaTcpDctcp"));
        Config::SetDefault("ns3::TcpSocketBase::UseEcn", StringValue("On"));
    }
}

} // namespace

/**
 * \ingroup homa-tests
 * Route choice on a ToR of a 2-rack fabric with 4 spines: rack-local hosts by their /24,
 * other racks over the spines; Homa sprayed over all four, TCP hashed (one spine per flow,
 * all spines over many flows); FlowHash and SprayAll change that.
 */
class HomaRoutingChoiceTest : public TestCase
{
  public:
    HomaRoutingChoiceTest()
        : TestCase(
              "ToR routes: local hosts by prefix, spines sprayed for Homa, hashed per TCP flow")
    {
    }

  private:
    void DoRun() override
    {
        HomaDatacenterHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(3);
        fabric.SetSpines(4);
        fabric.Install();
        fabric.AssignStreams(7);
        Ptr<HomaFabricRouting> tor =
            HomaDatacenterHelper::GetFabricRouting(fabric.GetTors().Get(0));
        NS_TEST_ASSERT_MSG_NE(tor, nullptr, "the ToR has a HomaFabricRouting");

        // Rack-local hosts: interface h + 1; other rack: interfaces 4..7 (after 3 hosts).
        for (uint32_t h = 0; h < 3; ++h)
        {
            Ipv4Header ip = IpFor(6);
            ip.SetDestination(fabric.GetHostAddress(h));
            NS_TEST_ASSERT_MSG_EQ(tor->Lookup(ip, Ports(1, 2)), int32_t(h + 1), "local host");
        }
        Ipv4Header nowhere = IpFor(6);
        nowhere.SetDestination(Ipv4Address("192.168.1.1"));
        NS_TEST_ASSERT_MSG_EQ(tor->Lookup(nowhere, Ports(1, 2)), -1, "no route outside 10/8");

        // Homa: one "flow", 400 packets, every spine used, each 60..140 times.
        std::map<int32_t, uint32_t> homa;
        for (int i = 0; i < 400; ++i)
        {
            ++homa[tor->Lookup(IpFor(HomaL4Protocol::PROT_NUMBER), Ports(40000, 9000))];
        }
        NS_TEST_ASSERT_MSG_EQ(homa.size(), 4u, "Homa packets sprayed over all spines");
        for (const auto& [iface, n] : homa)
        {
            NS_TEST_ASSERT_MSG_EQ((iface >= 4 && iface <= 7), true, "an uplink");
            NS_TEST_ASSERT_MSG_GT(n, 60u, "spraying roughly even");
            NS_TEST_ASSERT_MSG_LT(n, 140u, "spraying roughly even");
        }

        // TCP: the same flow always takes the same uplink; 800 flows use all four.
        std::map<int32_t, uint32_t> flows;
        for (uint16_t port = 1000; port < 1800; ++port)
        {
            int32_t first = tor->Lookup(IpFor(6), Ports(port, 5000));
            for (int k = 0; k < 5; ++k)
            {
                NS_TEST_ASSERT_MSG_EQ(tor->Lookup(IpFor(6), Ports(port, 5000)),
                                      first,
                                      "one path per TCP flow");
            }
            ++flows[first];
        }
        NS_TEST_ASSERT_MSG_EQ(flows.size(), 4u, "TCP flows hashed over all spines");
        for (const auto& [iface, n] : flows)
        {
            NS_TEST_ASSERT_MSG_GT(n, 140u, "hashing roughly even over 800 flows");
            NS_TEST_ASSERT_MSG_LT(n, 260u, "hashing roughly even over 800 flows");
        }

        // FlowHash: Homa packets of one flow stay on one path too; SprayAll sprays TCP.
        tor->SetAttribute("Balance", StringValue("FlowHash"));
        std::set<int32_t> hashed;
        for (int i = 0; i < 100; ++i)
        {
            hashed.insert(tor->Lookup(IpFor(HomaL4Protocol::PROT_NUMBER), Ports(40000, 9000)));
        }
        NS_TEST_ASSERT_MSG_EQ(hashed.size(), 1u, "FlowHash: one path");
        tor->SetAttribute("Balance", StringValue("SprayAll"));
        std::set<int32_t> sprayed;
        for (int i = 0; i < 100; ++i)
        {
            sprayed.insert(tor->Lookup(IpFor(6), Ports(1000, 5000)));
        }
        NS_TEST_ASSERT_MSG_EQ(sprayed.size(), 4u, "SprayAll: every path");
        Simulator::Destroy();
    }
};

/**
 * \ingroup homa-tests
 * The TCP baseline over the fabric: 60 messages of mixed sizes from every host of rack 0
 * to hosts of rack 1 (and one rack-local), all delivered with their sizes, each TCP
 * connection seen at exactly one spine, several spines used, connections reused.
 */
class HomaTcpBaselineTest : public TestCase
{
  public:
    HomaTcpBaselineTest(bool dctcp)
        : TestCase(dctcp ? "DCTCP baseline: every message delivered, ECN marks at the ToR"
                         : "TCP baseline: every message delivered, one spine per connection"),
          m_dctcp(dctcp)
    {
    }

  private:
    void DoRun() override
    {
        ConfigureTcp(m_dctcp);
        HomaDatacenterHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(4);
        fabric.SetSpines(4);
        fabric.SetPortBuffer(QueueSize("300p"));
        fabric.SetPortQueues(m_dctcp ? HomaDatacenterHelper::RED_ECN
                                     : HomaDatacenterHelper::DROP_TAIL);
        fabric.Install();
        fabric.AssignStreams(11);

        std::vector<Ptr<HomaTcpBaseline>> apps;
        for (uint32_t h = 0; h < fabric.GetNHosts(); ++h)
        {
            Ptr<HomaTcpBaseline> app = CreateObject<HomaTcpBaseline>();
            fabric.GetHosts().Get(h)->AddApplication(app);
            app->TraceConnectWithoutContext("Delivered",
                                            MakeCallback(&HomaTcpBaselineTest::Delivered, this));
            apps.push_back(app);
        }
        // Spines: which TCP connections (source port, destination port, source) each sees.
        for (uint32_t s = 0; s < 4; ++s)
        {
            fabric.GetSpines().Get(s)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "Rx",
                MakeBoundCallback(&HomaTcpBaselineTest::SpineRx, this, s));
        }
        // Rack 0 hosts send 15 messages each, sizes 1 B..1 MB, to rack 1 hosts; host 0
        // also sends rack-locally. Sizes and times are fixed, so the test is exact.
        const uint32_t sizes[] = {1, 100, 1448, 1449, 5000, 30000, 200000, 1000000};
        uint32_t k = 0;
        for (uint32_t h = 0; h < 4; ++h)
        {
            for (uint32_t m = 0; m < 15; ++m, ++k)
            {
                uint32_t dst = (m == 14 && h == 0) ? 1 : 4 + (h + m) % 4;
                uint32_t size = sizes[k % 8];
                m_expected[{fabric.GetHostAddress(h), fabric.GetHostAddress(dst)}].push_back(size);
                Simulator::Schedule(MicroSeconds(10 + 40 * m),
                                    &HomaTcpBaseline::Send,
                                    apps[h],
                                    fabric.GetHostAddress(dst),
                                    size);
            }
        }
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        uint64_t delivered = 0;
        for (auto& [pair, sizes] : m_expected)
        {
            auto& got = m_got[pair];
            std::sort(sizes.begin(), sizes.end());
            std::sort(got.begin(), got.end());
            NS_TEST_ASSERT_MSG_EQ(got.size(), sizes.size(), "every message of the pair arrived");
            for (size_t i = 0; i < got.size() && i < sizes.size(); ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(got[i], sizes[i], "sizes delivered as sent");
            }
            delivered += got.size();
        }
        NS_TEST_ASSERT_MSG_EQ(delivered, 60u, "60 messages delivered");
        uint64_t sent = 0;
        uint64_t opened = 0;
        for (uint32_t h = 0; h < 4; ++h)
        {
            sent += apps[h]->GetSent();
            opened += apps[h]->GetConnectionsOpened();
            NS_TEST_ASSERT_MSG_EQ(apps[h]->GetFailed(), 0u, "no connection failed");
        }
        NS_TEST_ASSERT_MSG_EQ(sent, 60u, "60 messages sent");
        NS_TEST_ASSERT_MSG_LT(opened, 60u, "idle connections are reused");
        NS_TEST_ASSERT_MSG_GT(m_minTime, MicroSeconds(4), "no message beats the fabric's latency");

        // Every connection crossed one spine only; the connections used more than one.
        std::map<std::tuple<uint32_t, uint32_t, uint16_t, uint16_t>, std::set<uint32_t>> spinesOf;
        for (const auto& [key, spine] : m_spineSeen)
        {
            spinesOf[key].insert(spine);
        }
        std::set<uint32_t> used;
        for (const auto& [key, spines] : spinesOf)
        {
            NS_TEST_ASSERT_MSG_EQ(spines.size(), 1u, "a TCP connection stays on one spine");
            used.insert(*spines.begin());
        }
        NS_TEST_ASSERT_MSG_GT(used.size(), 1u, "connections spread over the spines");

        if (m_dctcp)
        {
            uint64_t marked = 0;
            for (uint32_t i = 0; i < fabric.GetSwitchQueueDiscs().GetN(); ++i)
            {
                marked += fabric.GetSwitchQueueDiscs().Get(i)->GetStats().GetNMarkedPackets(
                    RedQueueDisc::UNFORCED_MARK);
            }
            NS_TEST_ASSERT_MSG_GT(marked, 0u, "the 1 MB messages made the switches mark ECN");
        }
        Simulator::Destroy();
        Config::Reset();
    }

    void Delivered(const HomaTcpMessageRecord& r)
    {
        m_got[{r.source, r.destination}].push_back(r.size);
        m_minTime = std::min(m_minTime, r.end - r.start);
    }

    static void SpineRx(HomaTcpBaselineTest* self,
                        uint32_t spine,
                        Ptr<const Packet> packet,
                        Ptr<Ipv4>,
                        uint32_t)
    {
        Ptr<Packet> p = packet->Copy();
        Ipv4Header ip;
        p->RemoveHeader(ip);
        if (ip.GetProtocol() != TcpL4Protocol::PROT_NUMBER)
        {
            return;
        }
        TcpHeader tcp;
        p->PeekHeader(tcp);
        // One direction of one connection (data and acks are hashed independently, each
        // on its own 5-tuple).
        self->m_spineSeen.emplace_back(std::make_tuple(ip.GetSource().Get(),
                                                       ip.GetDestination().Get(),
                                                       tcp.GetSourcePort(),
                                                       tcp.GetDestinationPort()),
                                       spine);
    }

    bool m_dctcp;
    std::map<std::pair<Ipv4Address, Ipv4Address>, std::vector<uint32_t>> m_expected;
    std::map<std::pair<Ipv4Address, Ipv4Address>, std::vector<uint32_t>> m_got;
    std::vector<std::pair<std::tuple<uint32_t, uint32_t, uint16_t, uint16_t>, uint32_t>>
        m_spineSeen;
    Time m_minTime{Seconds(100)};
};

/**
 * \ingroup homa-tests
 * The baselines under load: a 2 x 4 fabric, every host sending 300 W3 messages with
 * Poisson arrivals at 40 % of its link to uniformly chosen hosts. Every message arrives,
 * and a second run gives the same delivery time for every message.
 */
class HomaTcpLoadedTest : public TestCase
{
  public:
    /// \param dctcp DCTCP with ECN marking, else TCP NewReno with drop-tail ports
    explicit HomaTcpLoadedTest(bool dctcp)
        : TestCase(dctcp ? "DCTCP under 40 % W3 load: all messages arrive, runs repeat exactly"
                         : "TCP under 40 % W3 load: all messages arrive, runs repeat exactly"),
          m_dctcp(dctcp)
    {
    }

  private:
    /// One run: (source, message number) -> delivery time in ns.
    std::map<std::pair<uint32_t, uint32_t>, int64_t> Run()
    {
        ConfigureTcp(m_dctcp);
        HomaDatacenterHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(4);
        fabric.SetSpines(2);
        fabric.SetFabricRate(DataRate("20Gbps"));
        fabric.SetPortBuffer(QueueSize("250p"));
        fabric.SetPortQueues(m_dctcp ? HomaDatacenterHelper::RED_ECN
                                     : HomaDatacenterHelper::DROP_TAIL);
        fabric.Install();
        fabric.AssignStreams(1000);
        HomaWorkload w3 =
            HomaWorkload::Load(std::string(NS_TEST_SOURCEDIR) + "/../workloads/W3.cdf");
        Ptr<EmpiricalRandomVariable> size = w3.MakeRandomVariable();
        Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
        gap->SetAttribute("Mean", DoubleValue(w3.GetMean() * 8 / (0.4 * 1e10)));
        Ptr<UniformRandomVariable> pick = CreateObject<UniformRandomVariable>();
        size->SetStream(1);
        gap->SetStream(2);
        pick->SetStream(3);
        std::vector<Ptr<HomaTcpBaseline>> apps;
        m_delivered.clear();
        for (uint32_t h = 0; h < 8; ++h)
        {
            m_hostOf[fabric.GetHostAddress(h).Get()] = h;
        }
        for (uint32_t h = 0; h < 8; ++h)
        {
            Ptr<HomaTcpBaseline> app = CreateObject<HomaTcpBaseline>();
            fabric.GetHosts().Get(h)->AddApplication(app);
            app->TraceConnectWithoutContext("Delivered",
                                            MakeCallback(&HomaTcpLoadedTest::Delivered, this));
            apps.push_back(app);
            double t = 0;
            for (int m = 0; m < 300; ++m)
            {
                t += gap->GetValue();
                uint32_t d = pick->GetInteger(0, 6);
                d += d >= h ? 1 : 0;
                Simulator::Schedule(Seconds(t),
                                    &HomaTcpBaseline::Send,
                                    app,
                                    fabric.GetHostAddress(d),
                                    std::max<uint32_t>(1, size->GetInteger()));
            }
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        for (uint32_t h = 0; h < 8; ++h)
        {
            NS_TEST_EXPECT_MSG_EQ(apps[h]->GetSent(), 300u, "every message handed over");
            NS_TEST_EXPECT_MSG_EQ(apps[h]->GetFailed(), 0u, "no connection failed");
            NS_TEST_EXPECT_MSG_EQ(apps[h]->GetBacklog(), 0u, "nothing left at the sender");
        }
        Simulator::Destroy();
        Config::Reset();
        return m_delivered;
    }

    void Delivered(const HomaTcpMessageRecord& r)
    {
        m_delivered[{m_hostOf[r.source.Get()], r.id}] = r.end.GetNanoSeconds();
    }

    void DoRun() override
    {
        auto first = Run();
        NS_TEST_EXPECT_MSG_EQ(first.size(), 8u * 300, "all 2400 messages delivered");
        auto second = Run();
        NS_TEST_EXPECT_MSG_EQ((first == second), true, "same delivery times, message by message");
    }

    bool m_dctcp;                                                 //!< variant
    std::map<uint32_t, uint32_t> m_hostOf;                        //!< address -> host
    std::map<std::pair<uint32_t, uint32_t>, int64_t> m_delivered; //!< (host, id) -> ns
};

/**
 * \ingroup homa-tests
 * HomaTcpDctcp keeps TcpDctcp's reduction but never goes below two segments.
 */
class HomaDctcpFloorTest : public TestCase
{
  public:
    HomaDctcpFloorTest()
        : TestCase("HomaTcpDctcp: ssthresh is TcpDctcp's, but at least two segments")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpSocketState> tcb = CreateObject<TcpSocketState>();
        tcb->m_segmentSize = 1448;
        Ptr<TcpDctcp> plain = CreateObject<TcpDctcp>();
        Ptr<HomaTcpDctcp> floored = CreateObject<HomaTcpDctcp>();
        // alpha starts at 1 (DctcpAlphaOnInit): ssthresh = cwnd / 2.
        tcb->m_cWnd = 100000;
        NS_TEST_EXPECT_MSG_EQ(plain->GetSsThresh(tcb, 0), 50000u, "TcpDctcp halves");
        NS_TEST_EXPECT_MSG_EQ(floored->GetSsThresh(tcb, 0), 50000u, "same above the floor");
        tcb->m_cWnd = 3000;
        NS_TEST_EXPECT_MSG_EQ(plain->GetSsThresh(tcb, 0), 1500u, "TcpDctcp: 1500 B");
        NS_TEST_EXPECT_MSG_EQ(floored->GetSsThresh(tcb, 0), 2896u, "floor: two segments");
        tcb->m_cWnd = 1000;
        NS_TEST_EXPECT_MSG_EQ(plain->GetSsThresh(tcb, 0), 500u, "TcpDctcp: below a segment");
        NS_TEST_EXPECT_MSG_EQ(floored->GetSsThresh(tcb, 0), 2896u, "floor: two segments");
        NS_TEST_EXPECT_MSG_EQ(floored->Fork()->GetName(), "HomaTcpDctcp", "Fork keeps the type");
    }
};

/**
 * \ingroup homa-tests
 * Suite: fabric routing and the TCP baselines.
 */
class HomaFabricTestSuite : public TestSuite
{
  public:
    HomaFabricTestSuite()
        : TestSuite("homa-fabric", UNIT)
    {
        AddTestCase(new HomaRoutingChoiceTest, TestCase::QUICK);
        AddTestCase(new HomaDctcpFloorTest, TestCase::QUICK);
        AddTestCase(new HomaTcpBaselineTest(false), TestCase::QUICK);
        AddTestCase(new HomaTcpBaselineTest(true), TestCase::QUICK);
        AddTestCase(new HomaTcpLoadedTest(false), TestCase::QUICK);
        AddTestCase(new HomaTcpLoadedTest(true), TestCase::QUICK);
    }
};

/// Static instance.
static HomaFabricTestSuite g_homaFabricTestSuite;
