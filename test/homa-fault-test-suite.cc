/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Link and switch faults: a FabricChannel that fails and comes back, the leaf-spine routes
// that follow it after the detection time, and Homa RPCs across a fabric whose links fail
// during the run: every RPC ends, byte-exact or with an error the application sees, and no
// protocol state is left behind.

#include "homa-test-util.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/fabric-channel.h"
#include "ns3/fabric-link-helper.h"
#include "ns3/fabric-net-device.h"
#include "ns3/fabric-switch.h"
#include "ns3/homa-app-helper.h"
#include "ns3/homa-client.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-server.h"
#include "ns3/inet-socket-address.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/message-workload.h"
#include "ns3/node.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <set>

using namespace ns3;

namespace
{

/// IPv4's EtherType, what FabricNetDevice::Send takes.
constexpr uint16_t ETHER_IPV4 = 0x0800;

/// \param node a fabric node \return the ToR or spine's FabricSwitch
Ptr<FabricSwitch>
Switch(Ptr<Node> node)
{
    return node->GetObject<FabricSwitch>();
}

/// Every host's Homa: no RPC, no grant state. \param hosts them \return whether all are empty
bool
NoHomaState(const NodeContainer& hosts)
{
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        Ptr<HomaL4Protocol> homa = hosts.Get(i)->GetObject<HomaL4Protocol>();
        if (homa->GetNumRpcs() != 0 || homa->GetGrantScheduler().GetSize() != 0)
        {
            return false;
        }
    }
    return true;
}

/// A field of every host's Homa metrics, added up. \param hosts them \param f the field
/// \return the sum
template <typename F>
uint64_t
SumMetric(const NodeContainer& hosts, F f)
{
    uint64_t sum = 0;
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        sum += f(hosts.Get(i)->GetObject<HomaL4Protocol>()->GetMetrics());
    }
    return sum;
}

} // namespace

/**
 * \ingroup homa-tests
 * A wire fails at 10 us and comes back at 30 us: the two frames sent while it is down are
 * lost (Drop trace, GetLostFrames), both devices report the link down and call their
 * link-change callbacks twice, and the frames before and after arrive byte-exact.
 */
class HomaFaultWireTest : public TestCase
{
  public:
    HomaFaultWireTest()
        : TestCase("fault: a FabricChannel down loses what is sent into it, then carries again")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes(2);
        FabricLinkHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
        link.SetChannelAttribute("Delay", StringValue("1us"));
        NetDeviceContainer devices = link.Install(nodes.Get(0), nodes.Get(1));
        Ptr<NetDevice> a = devices.Get(0);
        Ptr<NetDevice> b = devices.Get(1);
        Ptr<FabricChannel> wire = DynamicCast<FabricChannel>(a->GetChannel());
        std::vector<uint8_t> tags;
        b->SetReceiveCallback(
            [&tags](Ptr<NetDevice>, Ptr<const Packet> p, uint16_t, const Address&) {
                uint8_t first;
                p->CopyData(&first, 1);
                tags.push_back(first);
                return true;
            });
        uint32_t dropped = 0;
        wire->TraceConnectWithoutContext("Drop",
                                         MakeBoundCallback(
                                             +[](uint32_t* n, Ptr<const Packet>) { ++*n; },
                                             &dropped));
        uint32_t changesA = 0;
        uint32_t changesB = 0;
        a->AddLinkChangeCallback(MakeBoundCallback(
            +[](uint32_t* n) { ++*n; },
            &changesA));
        b->AddLinkChangeCallback(MakeBoundCallback(
            +[](uint32_t* n) { ++*n; },
            &changesB));
        auto send = [a](uint8_t tag) {
            std::vector<uint8_t> bytes(500, tag);
            a->Send(Create<Packet>(bytes.data(), bytes.size()), a->GetBroadcast(), ETHER_IPV4);
        };
        Simulator::Schedule(Seconds(0), [&]() {
            send(1);
            send(2);
        });
        Simulator::Schedule(MicroSeconds(10), [&]() { wire->SetLinkUp(false); });
        bool downSeen = true;
        Simulator::Schedule(MicroSeconds(20), [&]() {
            downSeen = !a->IsLinkUp() && !b->IsLinkUp() && !wire->IsLinkUp();
            send(3);
            send(4);
        });
        Simulator::Schedule(MicroSeconds(30), [&]() { wire->SetLinkUp(true); });
        Simulator::Schedule(MicroSeconds(40), [&]() { send(5); });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(downSeen, true, "both devices and the wire report the link down");
        NS_TEST_EXPECT_MSG_EQ(a->IsLinkUp(), true, "up again");
        NS_TEST_EXPECT_MSG_EQ(wire->GetLostFrames(), 2, "the two frames sent while down");
        NS_TEST_EXPECT_MSG_EQ(dropped, 2, "Drop trace once per lost frame");
        NS_TEST_EXPECT_MSG_EQ(changesA, 2, "link-change callbacks: down, up");
        NS_TEST_EXPECT_MSG_EQ(changesB, 2, "link-change callbacks: down, up");
        NS_TEST_ASSERT_MSG_EQ(tags.size(), 3, "frames 1, 2 and 5 arrived");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(tags[0]), 1, "first");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(tags[1]), 2, "second");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(tags[2]), 5, "the one after the repair");
        Simulator::Destroy();
    }
};

/**
 * \ingroup homa-tests
 * Three racks of two hosts and two spines, every packet sprayed. The ToR 1 - spine 0 link
 * fails at 1 ms and comes back at 5 ms (ScheduleFaults("link:1:0:1:5")); detection takes
 * 0.5 ms. Until 1.5 ms the routes are
 * unchanged; from then on ToR 0 reaches rack 1 only through spine 1 (interface 4) but rack 2
 * through both, ToR 1 sends everything through spine 1, and spine 0 has no route to rack 1;
 * the repair at 5 ms reaches the routes at 5.5 ms, after which everything is back (two
 * convergences).
 */
class HomaFaultRoutesTest : public TestCase
{
  public:
    HomaFaultRoutesTest()
        : TestCase("fault: routes avoid a failed ToR-spine link after the detection time")
    {
    }

  private:
    /// The interfaces 40 sprayed lookups choose. \param node a switch \param dst destination
    /// \return the set (-1: no route)
    static std::set<int32_t> Choices(Ptr<Node> node, const char* dst)
    {
        std::set<int32_t> seen;
        Ptr<FabricRouting> routing = Switch(node)->GetRouting();
        for (int i = 0; i < 40; ++i)
        {
            seen.insert(routing->Lookup(Ipv4Address("10.9.9.1"), Ipv4Address(dst), 146, 0));
        }
        return seen;
    }

    void DoRun() override
    {
        LeafSpineHelper fabric;
        fabric.SetRacks(3);
        fabric.SetHostsPerRack(2);
        fabric.SetSpines(2);
        fabric.SetBalance(FabricRouting::SPRAY_ALL);
        fabric.SetFaultDetection(MicroSeconds(500));
        fabric.Install();
        fabric.AssignStreams(7);
        // As text, what homa-datacenter --faults hands over: link:RACK:SPINE:DOWN:UP in ms.
        fabric.ScheduleFaults("link:1:0:1:5");
        Ptr<Node> tor0 = fabric.GetTors().Get(0);
        Ptr<Node> tor1 = fabric.GetTors().Get(1);
        Ptr<Node> spine0 = fabric.GetSpines().Get(0);
        const std::set<int32_t> both{3, 4};
        const std::set<int32_t> spine1{4};
        const std::set<int32_t> none{-1};
        std::map<int, std::vector<std::set<int32_t>>> at; // time in us -> choices
        for (int us : {500, 1200, 2000, 5200, 6000})
        {
            Simulator::Schedule(MicroSeconds(us), [&, us]() {
                at[us] = {Choices(tor0, "10.1.0.1"),
                          Choices(tor0, "10.2.1.1"),
                          Choices(tor1, "10.0.0.1"),
                          Choices(spine0, "10.1.1.1"),
                          Choices(spine0, "10.2.0.1"),
                          {fabric.GetRoutes()->IsRouted(1, 0)}};
            });
        }
        Simulator::Run();
        for (int us : {500, 1200, 6000})
        {
            NS_TEST_EXPECT_MSG_EQ((at[us][0] == both), true, us << " us: ToR 0 to rack 1 by both");
            NS_TEST_EXPECT_MSG_EQ((at[us][2] == both), true, us << " us: ToR 1 uses both");
            NS_TEST_EXPECT_MSG_EQ((at[us][3] == std::set<int32_t>{2}), true, "spine 0 to rack 1");
            NS_TEST_EXPECT_MSG_EQ((at[us][5] == std::set<int32_t>{1}), true, "link routed");
        }
        // The repair at 5 ms reaches the routes at 5.5 ms.
        NS_TEST_EXPECT_MSG_EQ((at[5200][0] == spine1), true, "5.2 ms: still by spine 1");
        NS_TEST_EXPECT_MSG_EQ((at[5200][3] == none), true, "5.2 ms: spine 0 still no route");
        NS_TEST_EXPECT_MSG_EQ((at[2000][0] == spine1), true, "2 ms: ToR 0 to rack 1 by spine 1");
        NS_TEST_EXPECT_MSG_EQ((at[2000][1] == both), true, "2 ms: ToR 0 to rack 2 by both");
        NS_TEST_EXPECT_MSG_EQ((at[2000][2] == spine1), true, "2 ms: ToR 1 by spine 1 only");
        NS_TEST_EXPECT_MSG_EQ((at[2000][3] == none), true, "2 ms: spine 0 has no route to rack 1");
        NS_TEST_EXPECT_MSG_EQ((at[2000][4] == std::set<int32_t>{3}), true, "spine 0 to rack 2");
        NS_TEST_EXPECT_MSG_EQ((at[2000][5] == std::set<int32_t>{0}), true, "link not routed");
        NS_TEST_EXPECT_MSG_EQ(fabric.GetRoutes()->GetConvergences(), 2, "down, then up");
        NS_TEST_EXPECT_MSG_EQ(fabric.GetRoutes()->GetLostFrames(), 0, "no traffic, no loss");
        Simulator::Destroy();
    }
};

/**
 * \ingroup homa-tests
 * Two racks of four hosts, two spines at 20 Gbps, Homa sprayed, W4 at 40 % load, 120 echo
 * RPCs per client. The ToR 0 - spine 0 link fails at 2 ms and comes back at 12 ms (1 ms
 * detection); spine 1 fails whole from 20 to 24 ms. Frames are lost on the dead wires until
 * the routes notice; RESENDs repair them. Every RPC completes with its request echoed byte for
 * byte, and no RPC or grant state is left.
 */
class HomaFaultRpcTest : public TestCase
{
  public:
    HomaFaultRpcTest()
        : TestCase("fault: links and a spine fail under load, every RPC completes byte-exact")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(4);
        fabric.SetSpines(2);
        fabric.SetFabricRate(DataRate("20Gbps"));
        HomaHelper::ConfigureFabric(fabric, QueueSize("1000p"), false);
        fabric.Install();
        fabric.AssignStreams(300);
        fabric.ScheduleLinkFault(0, 0, MilliSeconds(2), MilliSeconds(12));
        fabric.ScheduleFaults("spine:1:20:24");
        HomaHelper homa;
        homa.Install(fabric.GetHosts());
        HomaServerHelper servers(9000);
        servers.SetAttribute("ResponseSize", UintegerValue(0));
        servers.SetAttribute("Verify", BooleanValue(true));
        servers.Install(fabric.GetHosts());
        MessageWorkload w4 =
            MessageWorkload::Load(std::string(NS_TEST_SOURCEDIR) + "/../workloads/W4.cdf");
        double interval = w4.GetMean() * 8 / (0.4 * 1e10);
        std::vector<Ptr<HomaClient>> clients;
        for (uint32_t h = 0; h < fabric.GetNHosts(); ++h)
        {
            Ptr<HomaClient> c = CreateObject<HomaClient>();
            for (uint32_t d = 0; d < fabric.GetNHosts(); ++d)
            {
                if (fabric.GetRack(d) != fabric.GetRack(h))
                {
                    c->AddServer(InetSocketAddress(fabric.GetHostAddress(d), 9000));
                }
            }
            Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
            gap->SetAttribute("Mean", DoubleValue(interval));
            c->SetAttribute("Interval", PointerValue(gap));
            c->SetAttribute("MessageSize", PointerValue(w4.MakeRandomVariable()));
            c->SetAttribute("MaxRpcs", UintegerValue(120));
            c->SetAttribute("Pattern", BooleanValue(true));
            c->SetAttribute("VerifyEcho", BooleanValue(true));
            c->AssignStreams(500 + 3 * h);
            fabric.GetHosts().Get(h)->AddApplication(c);
            clients.push_back(c);
        }
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        uint32_t sent = 0;
        uint32_t ended = 0;
        uint32_t exact = 0;
        Time last;
        for (const auto& c : clients)
        {
            sent += c->GetSent();
            for (const HomaRpcRecord& r : c->GetRecords())
            {
                ++ended;
                exact += r.error == HomaRpcError::NONE && r.echoMatches;
                last = Max(last, r.end);
            }
        }
        const NodeContainer& hosts = fabric.GetHosts();
        uint64_t resent = SumMetric(hosts, [](const HomaMetrics& m) { return m.resentPackets; });
        uint64_t timeouts = SumMetric(hosts, [](const HomaMetrics& m) { return m.rpcTimeouts; });
        NS_TEST_EXPECT_MSG_EQ(sent, 8 * 120, "every client sent its 120 requests");
        NS_TEST_EXPECT_MSG_EQ(ended, sent, "every RPC ended");
        NS_TEST_EXPECT_MSG_EQ(exact, sent, "every RPC completed, its request echoed exactly");
        NS_TEST_EXPECT_MSG_EQ(timeouts, 0, "none timed out: another spine was always there");
        NS_TEST_EXPECT_MSG_GT(fabric.GetRoutes()->GetLostFrames(), 0, "frames lost on dead wires");
        NS_TEST_EXPECT_MSG_GT(resent, 0, "RESENDs repaired them");
        NS_TEST_EXPECT_MSG_EQ(fabric.GetRoutes()->GetConvergences(), 4, "two faults, two repairs");
        NS_TEST_EXPECT_MSG_GT(last, MilliSeconds(24), "the run went on past both faults");
        NS_TEST_EXPECT_MSG_EQ(NoHomaState(hosts), true, "no RPC or grant state left");
        Simulator::Destroy();
    }
};

/**
 * \ingroup homa-tests
 * Two racks of two hosts behind one spine, which fails at 100 us and comes back at 150 ms
 * (detection 1 ms). A 300 kB RPC across racks, in flight at the failure, times out: the
 * client sees HomaRpcError::TIMEOUT after Homa's 100 silent ticks, and the server frees its
 * half-received request. A 300 kB RPC within rack 0 at the same time completes, as does a
 * 10 kB RPC across racks sent at 200 ms, both byte-exact. Packets sent across while the
 * routes know the spine is gone are dropped at the ToR (NO_ROUTE). Nothing is left.
 */
class HomaFaultPartitionTest : public TestCase
{
  public:
    HomaFaultPartitionTest()
        : TestCase("fault: a spine down for 150 ms: the RPC across times out, the others complete")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(2);
        fabric.SetSpines(1);
        HomaHelper::ConfigureFabric(fabric, QueueSize("1000p"), false);
        fabric.Install();
        fabric.ScheduleSpineFault(0, MicroSeconds(100), MilliSeconds(150));
        HomaHelper homa;
        homa.Install(fabric.GetHosts());
        auto host = [&fabric](uint32_t i) {
            return fabric.GetHosts().Get(i)->GetObject<HomaL4Protocol>();
        };
        homatest::Server across(host(2), 6000);
        homatest::Server inRack(host(1), 6000);
        homatest::Client client(host(0));
        Ptr<Packet> big = homatest::MakeMessage(300000, 1);
        Ptr<Packet> local = homatest::MakeMessage(300000, 2);
        Ptr<Packet> late = homatest::MakeMessage(10000, 3);
        Simulator::Schedule(MicroSeconds(50), [&]() {
            client.Send(fabric.GetHostAddress(2), 6000, big);
            client.Send(fabric.GetHostAddress(1), 6000, local);
        });
        Simulator::Schedule(MilliSeconds(200),
                            [&]() { client.Send(fabric.GetHostAddress(2), 6000, late); });
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(client.results.size(), 3, "all three RPCs ended");
        std::map<uint32_t, homatest::Client::Result> bySize;
        for (const auto& r : client.results)
        {
            bySize[client.requests.at(r.id)->GetSize()] = r;
        }
        // The local RPC ends first; the one across, at its timeout; the late one after it.
        const auto& timedOut = client.results[1];
        NS_TEST_EXPECT_MSG_EQ(client.requests.at(timedOut.id)->GetSize(), 300000, "the big one");
        NS_TEST_EXPECT_MSG_EQ(timedOut.error, HomaRpcError::TIMEOUT, "across: TIMEOUT");
        NS_TEST_EXPECT_MSG_EQ(timedOut.response, nullptr, "across: no response");
        NS_TEST_EXPECT_MSG_GT(timedOut.when, MilliSeconds(100), "after 100 silent ticks");
        NS_TEST_EXPECT_MSG_LT(timedOut.when, MilliSeconds(150), "before the spine came back");
        const auto& done = client.results[0];
        NS_TEST_EXPECT_MSG_EQ(done.error, HomaRpcError::NONE, "in rack: completed");
        NS_TEST_EXPECT_MSG_EQ((homatest::Bytes(done.response) == homatest::Bytes(local)),
                              true,
                              "in rack: echoed byte for byte");
        NS_TEST_EXPECT_MSG_LT(done.when, MilliSeconds(1), "in rack: unaffected");
        const auto& after = client.results[2];
        NS_TEST_EXPECT_MSG_EQ(after.error, HomaRpcError::NONE, "late: completed");
        NS_TEST_EXPECT_MSG_EQ((homatest::Bytes(after.response) == homatest::Bytes(late)),
                              true,
                              "late: echoed byte for byte");
        NS_TEST_EXPECT_MSG_LT(after.when, MilliSeconds(201), "late: at once");
        uint64_t noRoute = Switch(fabric.GetTors().Get(0))->GetDropped(FabricSwitch::NO_ROUTE);
        NS_TEST_EXPECT_MSG_GT(noRoute, 0, "ToR 0 dropped packets across while no route");
        NS_TEST_EXPECT_MSG_GT(fabric.GetRoutes()->GetLostFrames(), 0, "lost before detection");
        NS_TEST_EXPECT_MSG_EQ(host(0)->GetMetrics().rpcTimeouts, 1, "one client timeout");
        NS_TEST_EXPECT_MSG_EQ(NoHomaState(fabric.GetHosts()), true, "no state left anywhere");
        Simulator::Destroy();
    }
};

/**
 * \ingroup homa-tests
 * Link and switch faults.
 */
class HomaFaultTestSuite : public TestSuite
{
  public:
    HomaFaultTestSuite()
        : TestSuite("homa-fault", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaFaultWireTest(), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFaultRoutesTest(), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFaultRpcTest(), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFaultPartitionTest(), NS3_COMPAT_TEST_QUICK);
    }
};

/// The suite's instance.
static HomaFaultTestSuite g_homaFaultTestSuite;
