/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-tcp-baseline: the TCP and DCTCP baselines (TcpMessageBaseline, TcpDctcpFloor) over
// LeafSpineHelper's fabric: every message delivered, one spine per connection,
// connections reused, ECN marks; under load, identical reruns, on fast switches and on IP
// routers alike; replies (RPCs over TCP).

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/fabric-switch.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/message-workload.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/red-queue-disc.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-baseline-helper.h"
#include "ns3/tcp-dctcp-floor.h"
#include "ns3/tcp-hash-demux.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-message-baseline.h"
#include "ns3/tcp-rpc-client.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <set>

using namespace ns3;

namespace
{

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
        Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::TcpDctcpFloor"));
        Config::SetDefault("ns3::TcpSocketBase::UseEcn", StringValue("On"));
    }
}

} // namespace

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
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(4);
        fabric.SetSpines(4);
        TcpBaselineHelper::ConfigureFabric(fabric, QueueSize("300p"), true, m_dctcp);
        fabric.Install();
        fabric.AssignStreams(11);

        std::vector<Ptr<TcpMessageBaseline>> apps;
        for (uint32_t h = 0; h < fabric.GetNHosts(); ++h)
        {
            Ptr<TcpMessageBaseline> app = CreateObject<TcpMessageBaseline>();
            fabric.GetHosts().Get(h)->AddApplication(app);
            app->TraceConnectWithoutContext("Delivered",
                                            MakeCallback(&HomaTcpBaselineTest::Delivered, this));
            apps.push_back(app);
        }
        // Spines: which TCP connections (source port, destination port, source) each sees.
        for (uint32_t s = 0; s < 4; ++s)
        {
            fabric.GetSpines().Get(s)->GetObject<FabricSwitch>()->TraceConnectWithoutContext(
                "Forward",
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
                                    &TcpMessageBaseline::Send,
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

    void Delivered(const TcpMessageRecord& r)
    {
        m_got[{r.source, r.destination}].push_back(r.size);
        m_minTime = std::min(m_minTime, r.end - r.start);
    }

    static void SpineRx(HomaTcpBaselineTest* self,
                        uint32_t spine,
                        Ptr<const Packet> packet,
                        uint32_t,
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
 * a second run gives the same delivery time for every message, and so do runs with IP
 * routers for switches, with ns-3's own TCP demultiplexing and with ns-3's point-to-point
 * links.
 */
class HomaTcpLoadedTest : public TestCase
{
  public:
    /// \param dctcp DCTCP with ECN marking, else TCP NewReno with drop-tail ports
    explicit HomaTcpLoadedTest(bool dctcp)
        : TestCase(dctcp ? "DCTCP under 40 % W3 load: all arrive, runs repeat, IP routers, "
                           "ns-3's own demultiplexing and p2p links agree"
                         : "TCP under 40 % W3 load: all arrive, runs repeat, IP routers, "
                           "ns-3's own demultiplexing and p2p links agree"),
          m_dctcp(dctcp)
    {
    }

  private:
    /// One run: (source, message number) -> delivery time in ns.
    std::map<std::pair<uint32_t, uint32_t>, int64_t> Run(
        LeafSpineHelper::Switches switches = LeafSpineHelper::FAST,
        bool fastDemux = true,
        LeafSpineHelper::Links links = LeafSpineHelper::FABRIC_LINKS)
    {
        ConfigureTcp(m_dctcp);
        Config::SetDefault("ns3::TcpMessageBaseline::FastDemux", BooleanValue(fastDemux));
        LeafSpineHelper fabric;
        fabric.SetSwitches(switches);
        fabric.SetLinks(links);
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(4);
        fabric.SetSpines(2);
        fabric.SetFabricRate(DataRate("20Gbps"));
        TcpBaselineHelper::ConfigureFabric(fabric, QueueSize("250p"), true, m_dctcp);
        fabric.Install();
        fabric.AssignStreams(1000);
        MessageWorkload w3 =
            MessageWorkload::Load(std::string(NS_TEST_SOURCEDIR) + "/../workloads/W3.cdf");
        Ptr<EmpiricalRandomVariable> size = w3.MakeRandomVariable();
        Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
        gap->SetAttribute("Mean", DoubleValue(w3.GetMean() * 8 / (0.4 * 1e10)));
        Ptr<UniformRandomVariable> pick = CreateObject<UniformRandomVariable>();
        size->SetStream(1);
        gap->SetStream(2);
        pick->SetStream(3);
        std::vector<Ptr<TcpMessageBaseline>> apps;
        m_delivered.clear();
        for (uint32_t h = 0; h < 8; ++h)
        {
            m_hostOf[fabric.GetHostAddress(h).Get()] = h;
        }
        for (uint32_t h = 0; h < 8; ++h)
        {
            Ptr<TcpMessageBaseline> app = CreateObject<TcpMessageBaseline>();
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
                                    &TcpMessageBaseline::Send,
                                    app,
                                    fabric.GetHostAddress(d),
                                    std::max<uint32_t>(1, size->GetInteger()));
            }
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        uint64_t opened = 0;
        uint64_t fast = 0;
        uint64_t slow = 0;
        uint64_t registered = 0;
        for (uint32_t h = 0; h < 8; ++h)
        {
            NS_TEST_EXPECT_MSG_EQ(apps[h]->GetSent(), 300u, "every message handed over");
            NS_TEST_EXPECT_MSG_EQ(apps[h]->GetFailed(), 0u, "no connection failed");
            NS_TEST_EXPECT_MSG_EQ(apps[h]->GetBacklog(), 0u, "nothing left at the sender");
            opened += apps[h]->GetConnectionsOpened();
            Ptr<TcpHashDemux> demux = fabric.GetHosts().Get(h)->GetObject<TcpHashDemux>();
            NS_TEST_EXPECT_MSG_EQ(bool(demux), fastDemux, "a demultiplexer iff FastDemux");
            if (demux)
            {
                fast += demux->GetFastDeliveries();
                slow += demux->GetSlowDeliveries();
                registered += demux->GetSize();
            }
        }
        if (fastDemux)
        {
            // Each connection is registered at both ends (at Connect and at Accept); only
            // its SYN and the handshake's last ACK reach the listener's side unregistered.
            NS_TEST_EXPECT_MSG_EQ(registered, 2 * opened, "both ends of every connection");
            NS_TEST_EXPECT_MSG_EQ(slow, 2 * opened, "SYN and handshake ACK through ns-3's TCP");
            NS_TEST_EXPECT_MSG_GT(fast, 20 * slow, "every other segment by the hash");
        }
        Simulator::Destroy();
        Config::Reset();
        return m_delivered;
    }

    void Delivered(const TcpMessageRecord& r)
    {
        m_delivered[{m_hostOf[r.source.Get()], r.id}] = r.end.GetNanoSeconds();
    }

    void DoRun() override
    {
        auto first = Run();
        NS_TEST_EXPECT_MSG_EQ(first.size(), 8u * 300, "all 2400 messages delivered");
        auto second = Run();
        NS_TEST_EXPECT_MSG_EQ((first == second), true, "same delivery times, message by message");
        // Flow hashing and (DCTCP) ECN marking below IP give what IP routers give.
        auto routers = Run(LeafSpineHelper::IP_ROUTER);
        NS_TEST_EXPECT_MSG_EQ((first == routers), true, "IP routers: the same delivery times");
        // The hashed demultiplexer delivers to the endpoint ns-3's walk would have found.
        auto walk = Run(LeafSpineHelper::FAST, false);
        NS_TEST_EXPECT_MSG_EQ((first == walk), true, "ns-3's demux: the same delivery times");
        // FabricNetDevice links give what ns-3's point-to-point links give.
        auto p2p = Run(LeafSpineHelper::FAST, true, LeafSpineHelper::POINT_TO_POINT);
        NS_TEST_EXPECT_MSG_EQ((first == p2p), true, "p2p links: the same delivery times");
    }

    bool m_dctcp;                                                 //!< variant
    std::map<uint32_t, uint32_t> m_hostOf;                        //!< address -> host
    std::map<std::pair<uint32_t, uint32_t>, int64_t> m_delivered; //!< (host, id) -> ns
};

/**
 * \ingroup homa-tests
 * Request and reply (ReplySize): host 0 sends three requests to host 3 (another rack), each
 * when the previous one's reply has arrived, on one connection opened in advance (Connect);
 * host 1 sends the same first request without connecting first. Replies come back in order
 * with the requests' numbers, sizes and send times; a reply arrives after its request was
 * delivered; the pre-opened connection saves the handshake's round trip.
 */
class HomaTcpRpcTest : public TestCase
{
  public:
    HomaTcpRpcTest()
        : TestCase("TCP baseline with replies: in order, one connection, handshake saved")
    {
    }

  private:
    void DoRun() override
    {
        ConfigureTcp(false);
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(2);
        fabric.SetSpines(1);
        fabric.Install();
        std::vector<Ptr<TcpMessageBaseline>> apps;
        for (uint32_t h = 0; h < 4; ++h)
        {
            Ptr<TcpMessageBaseline> app = CreateObject<TcpMessageBaseline>();
            app->SetAttribute("ReplySize", UintegerValue(10));
            fabric.GetHosts().Get(h)->AddApplication(app);
            app->TraceConnectWithoutContext("Replied",
                                            MakeCallback(&HomaTcpRpcTest::Replied, this));
            app->TraceConnectWithoutContext("Delivered",
                                            MakeCallback(&HomaTcpRpcTest::Delivered, this));
            apps.push_back(app);
        }
        m_app0 = apps[0];
        m_server = fabric.GetHostAddress(3);
        m_client0 = fabric.GetHostAddress(0);
        Simulator::Schedule(MicroSeconds(1), &TcpMessageBaseline::Connect, apps[0], m_server);
        Simulator::Schedule(MicroSeconds(50), &HomaTcpRpcTest::Next, this);
        Simulator::Schedule(MicroSeconds(50),
                            &TcpMessageBaseline::Send,
                            apps[1],
                            m_server,
                            m_sizes[0]);
        Simulator::Stop(MilliSeconds(50));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(m_replies.size(), 4u, "four replies");
        std::vector<TcpMessageRecord> host0;
        const TcpMessageRecord* host1 = nullptr;
        for (const auto& r : m_replies)
        {
            NS_TEST_ASSERT_MSG_EQ(r.destination, m_server, "replies come from the server");
            if (r.source == fabric.GetHostAddress(0))
            {
                host0.push_back(r);
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(r.source, fabric.GetHostAddress(1), "the other client");
                host1 = &r;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(host0.size(), 3u, "host 0: three replies");
        NS_TEST_ASSERT_MSG_NE(host1, nullptr, "host 1: one reply");
        for (uint32_t i = 0; i < 3; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(host0[i].id, i, "replies in request order");
            NS_TEST_EXPECT_MSG_EQ(host0[i].size, m_sizes[i], "the request's size");
            NS_TEST_EXPECT_MSG_EQ(host0[i].start, m_sentAt[i], "the request's send time");
            NS_TEST_EXPECT_MSG_GT(host0[i].end,
                                  m_deliveredAt.at({0, i}),
                                  "reply after the request's delivery");
        }
        NS_TEST_EXPECT_MSG_EQ(m_sentAt[1], host0[0].end, "request 1 left on reply 0");
        NS_TEST_EXPECT_MSG_EQ(apps[0]->GetConnectionsOpened(), 1u, "one connection reused");
        NS_TEST_EXPECT_MSG_EQ(apps[0]->GetReplied(), 3u, "host 0 counted three replies");
        NS_TEST_EXPECT_MSG_EQ(apps[3]->GetReceived(), 4u, "the server received four requests");
        NS_TEST_EXPECT_MSG_EQ(apps[3]->GetBytesReceived(),
                              uint64_t{m_sizes[0]} * 2 + m_sizes[1] + m_sizes[2],
                              "request bytes (framing excluded)");
        // The handshake's round trip: two host links (875 ns) and two fabric links (250 ns)
        // each way, 4.5 us of propagation, plus the SYN's and SYN-ACK's serialisation.
        Time preopened = host0[0].end - host0[0].start;
        Time fresh = host1->end - host1->start;
        NS_TEST_EXPECT_MSG_GT(fresh - preopened, NanoSeconds(4500), "handshake saved");
        NS_TEST_EXPECT_MSG_LT(fresh - preopened, NanoSeconds(5000), "by one round trip only");
        Simulator::Destroy();
        Config::Reset();
    }

    /// Host 0's next request.
    void Next()
    {
        m_sentAt.push_back(Simulator::Now());
        m_app0->Send(m_server, m_sizes[m_sentAt.size() - 1]);
    }

    void Replied(const TcpMessageRecord& r)
    {
        m_replies.push_back(r);
        if (r.source == m_client0 && m_sentAt.size() < 3)
        {
            Next();
        }
    }

    void Delivered(const TcpMessageRecord& r)
    {
        m_deliveredAt[{r.source == m_client0 ? 0u : 1u, r.id}] = r.end;
    }

    Ptr<TcpMessageBaseline> m_app0;                              //!< host 0's application
    Ipv4Address m_server;                                        //!< host 3
    Ipv4Address m_client0;                                       //!< host 0
    const uint32_t m_sizes[3] = {1, 5000, 100000};               //!< host 0's requests
    std::vector<Time> m_sentAt;                                  //!< host 0's send times
    std::vector<TcpMessageRecord> m_replies;                     //!< every reply
    std::map<std::pair<uint32_t, uint32_t>, Time> m_deliveredAt; //!< (client, id) -> delivery
};

/**
 * TcpRpcClient: closed-loop RPCs to one server. It connects when it starts, sends its first
 * request FirstRequestDelay later, each next one the moment the previous reply arrives, and
 * stops after MaxRpcs; RequestSent reports each request (number, size, time), Replied each
 * reply; one connection carries them all.
 */
class HomaTcpRpcClientTest : public TestCase
{
  public:
    HomaTcpRpcClientTest()
        : TestCase("TcpRpcClient: one request at a time, MaxRpcs, one connection")
    {
    }

  private:
    void DoRun() override
    {
        ConfigureTcp(false);
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(2);
        fabric.SetSpines(1);
        fabric.Install();
        Ptr<TcpMessageBaseline> server = CreateObject<TcpMessageBaseline>();
        server->SetAttribute("ReplySize", UintegerValue(10));
        fabric.GetHosts().Get(3)->AddApplication(server);
        Ptr<TcpRpcClient> client = CreateObjectWithAttributes<TcpRpcClient>(
            "Server",
            Ipv4AddressValue(fabric.GetHostAddress(3)),
            "ReplySize",
            UintegerValue(10),
            "MaxRpcs",
            UintegerValue(3),
            "MessageSize",
            StringValue("ns3::ConstantRandomVariable[Constant=3000]"),
            "FirstRequestDelay",
            TimeValue(MicroSeconds(49)));
        client->SetStartTime(MicroSeconds(1));
        fabric.GetHosts().Get(0)->AddApplication(client);
        client->TraceConnectWithoutContext("RequestSent",
                                           MakeCallback(&HomaTcpRpcClientTest::Sent, this));
        client->TraceConnectWithoutContext("Replied",
                                           MakeCallback(&HomaTcpRpcClientTest::Replied, this));
        Simulator::Stop(MilliSeconds(20));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_sent.size(), 3u, "MaxRpcs requests");
        NS_TEST_ASSERT_MSG_EQ(m_replies.size(), 3u, "each answered");
        NS_TEST_EXPECT_MSG_EQ(m_sent[0].start, MicroSeconds(50), "1 us + FirstRequestDelay");
        for (uint32_t i = 0; i < 3; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(m_sent[i].id, i, "numbered from 0");
            NS_TEST_EXPECT_MSG_EQ(m_sent[i].size, 3000u, "MessageSize");
            NS_TEST_EXPECT_MSG_EQ(m_replies[i].id, i, "replies in order");
            NS_TEST_EXPECT_MSG_EQ(m_replies[i].start, m_sent[i].start, "the request's time");
            if (i > 0)
            {
                NS_TEST_EXPECT_MSG_EQ(m_sent[i].start, m_replies[i - 1].end, "closed loop");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(client->GetRequestsSent(), 3u, "no fourth request");
        NS_TEST_EXPECT_MSG_EQ(client->GetConnectionsOpened(), 1u, "one connection");
        NS_TEST_EXPECT_MSG_EQ(server->GetBytesReceived(), 9000u, "three requests' bytes");
        Simulator::Destroy();
        Config::Reset();
    }

    /// \param r a request handed to TCP
    void Sent(const TcpMessageRecord& r)
    {
        m_sent.push_back(r);
    }

    /// \param r a reply read
    void Replied(const TcpMessageRecord& r)
    {
        m_replies.push_back(r);
    }

    std::vector<TcpMessageRecord> m_sent;    //!< RequestSent
    std::vector<TcpMessageRecord> m_replies; //!< Replied
};

/// The homa-tcp-baseline suite.
class HomaTcpBaselineTestSuite : public TestSuite
{
  public:
    HomaTcpBaselineTestSuite()
        : TestSuite("homa-tcp-baseline", NS3_COMPAT_TEST_SYSTEM)
    {
        AddTestCase(new HomaTcpBaselineTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaTcpBaselineTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaTcpLoadedTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaTcpLoadedTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaTcpRpcTest(), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaTcpRpcClientTest(), NS3_COMPAT_TEST_QUICK);
    }
};

static HomaTcpBaselineTestSuite g_homaTcpBaselineTestSuite; //!< registers the suite
