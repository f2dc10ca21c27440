/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-datacenter: a small leaf-spine fabric (2 racks x 4 hosts, 2 spines) with packet
// spraying under a Poisson W3 load: every message completes, the same seed gives the same
// results, and the fast switches (FabricSwitch) give exactly what IP routers give.

#include "ns3/double.h"
#include "ns3/homa-app-helper.h"
#include "ns3/homa-client.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-server.h"
#include "ns3/inet-socket-address.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/message-stats.h"
#include "ns3/message-workload.h"
#include "ns3/net-device.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/point-to-point-channel.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

using namespace ns3;

namespace
{

/// How the fabric of RunFabric is built.
struct FabricOptions
{
    LeafSpineHelper::Switches switches{LeafSpineHelper::FAST}; //!< switches
    bool queueDiscs{true}; //!< queue discs on the ports (false: device queues)
    uint32_t ranks{0};     //!< MPI partition (serial runs ignore it)
    LeafSpineHelper::Links links{LeafSpineHelper::FABRIC_LINKS}; //!< devices
};

/// What one run of the loaded fabric gave.
struct FabricRun
{
    std::vector<int64_t> ends; //!< completion time of every RPC, client by client, ns
    uint32_t sent{0};          //!< requests sent
    uint32_t failed{0};        //!< RPCs that ended with an error
    uint64_t discards{0};      //!< duplicate DATA packets discarded by receivers
};

/// Run the loaded fabric once. \param o the fabric \return the RPCs' outcome
FabricRun
RunFabric(const FabricOptions& o = FabricOptions())
{
    LeafSpineHelper fabric;
    fabric.SetRanks(o.ranks);
    fabric.SetSwitches(o.switches);
    fabric.SetLinks(o.links);
    fabric.SetRacks(2);
    fabric.SetHostsPerRack(4);
    fabric.SetSpines(2);
    fabric.SetFabricRate(DataRate("20Gbps"));
    HomaHelper::ConfigureFabric(fabric, QueueSize("100000p"), o.queueDiscs);
    fabric.Install();
    fabric.AssignStreams(1000);
    HomaHelper homa;
    homa.Install(fabric.GetHosts());

    HomaServerHelper servers(9000);
    ApplicationContainer serverApps = servers.Install(fabric.GetHosts());
    MessageWorkload w3 =
        MessageWorkload::Load(std::string(NS_TEST_SOURCEDIR) + "/../workloads/W3.cdf");
    // 40 % of a 10 Gbps host link: mean interval = mean size * 8 / (0.4 * 1e10) seconds.
    double interval = w3.GetMean() * 8 / (0.4 * 1e10);
    std::vector<Ptr<HomaClient>> clients;
    for (uint32_t h = 0; h < fabric.GetNHosts(); ++h)
    {
        Ptr<HomaClient> c = CreateObject<HomaClient>();
        for (uint32_t d = 0; d < fabric.GetNHosts(); ++d)
        {
            if (d != h)
            {
                c->AddServer(InetSocketAddress(fabric.GetHostAddress(d), 9000));
            }
        }
        Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
        gap->SetAttribute("Mean", DoubleValue(interval));
        c->SetAttribute("Interval", PointerValue(gap));
        c->SetAttribute("MessageSize", PointerValue(w3.MakeRandomVariable()));
        c->SetAttribute("MaxRpcs", UintegerValue(400));
        c->AssignStreams(100 + 3 * h);
        fabric.GetHosts().Get(h)->AddApplication(c);
        clients.push_back(c);
    }
    Simulator::Stop(Seconds(1));
    Simulator::Run();

    FabricRun run;
    for (const auto& c : clients)
    {
        run.sent += c->GetSent();
        for (const HomaRpcRecord& r : c->GetRecords())
        {
            run.ends.push_back(r.end.GetNanoSeconds());
            run.failed += r.error != HomaRpcError::NONE;
        }
    }
    for (uint32_t h = 0; h < fabric.GetNHosts(); ++h)
    {
        run.discards +=
            fabric.GetHosts().Get(h)->GetObject<HomaL4Protocol>()->GetMetrics().packetDiscards;
    }
    Simulator::Destroy();
    return run;
}

} // namespace

/// Every message of a loaded run completes; the same seed gives the same results.
class HomaDatacenterTest : public TestCase
{
  public:
    HomaDatacenterTest()
        : TestCase("2x4 fabric under 40 % W3 load: all RPCs complete, runs repeat exactly")
    {
    }

  private:
    void DoRun() override
    {
        FabricRun run1 = RunFabric();
        NS_TEST_EXPECT_MSG_EQ(run1.sent, 8 * 400, "3200 requests sent");
        NS_TEST_EXPECT_MSG_EQ(run1.ends.size(), 8 * 400, "every RPC ended");
        NS_TEST_EXPECT_MSG_EQ(run1.failed, 0, "none failed");
        NS_TEST_EXPECT_MSG_EQ(run1.discards, 0, "no duplicate data without loss");

        FabricRun run2 = RunFabric();
        NS_TEST_EXPECT_MSG_EQ(run2.ends.size(), run1.ends.size(), "same number of RPCs");
        NS_TEST_EXPECT_MSG_EQ((run1.ends == run2.ends), true, "same completion times, RPC by RPC");
    }
};

/**
 * The fast fabric against IP routers: the same seed gives the same RPCs with the same
 * completion times, to the nanosecond (same routes, same random draws, same event order).
 */
class HomaDatacenterSwitchesTest : public TestCase
{
  public:
    HomaDatacenterSwitchesTest()
        : TestCase("2x4 fabric under 40 % W3 load: fast switches give what IP routers give")
    {
    }

  private:
    void DoRun() override
    {
        FabricRun fastRun = RunFabric();
        FabricOptions routers;
        routers.switches = LeafSpineHelper::IP_ROUTER;
        FabricRun ipRun = RunFabric(routers);
        std::vector<int64_t>& fast = fastRun.ends;
        std::vector<int64_t>& ip = ipRun.ends;
        NS_TEST_EXPECT_MSG_EQ(fast.size(), 8 * 400, "fast: every RPC ended");
        NS_TEST_EXPECT_MSG_EQ(ip.size(), 8 * 400, "IP routers: every RPC ended");
        NS_TEST_EXPECT_MSG_EQ(fastRun.failed + ipRun.failed, 0, "none failed");
        NS_TEST_EXPECT_MSG_EQ((fast == ip), true, "same completion times, RPC by RPC");
        // The p99 of the completion times, the figure a user would compare.
        std::sort(fast.begin(), fast.end());
        std::sort(ip.begin(), ip.end());
        NS_TEST_EXPECT_MSG_EQ(fast[fast.size() * 99 / 100], ip[ip.size() * 99 / 100], "same p99");
    }
};

/**
 * FabricNetDevice links against ns-3's PointToPointNetDevice, with queue discs and with
 * device queues: the same frames, transmission times and event order, so the same RPCs end at
 * the same nanosecond.
 */
class HomaDatacenterLinksTest : public TestCase
{
  public:
    HomaDatacenterLinksTest()
        : TestCase("2x4 fabric under 40 % W3 load: fabric links give what point-to-point gives")
    {
    }

  private:
    void DoRun() override
    {
        for (bool queueDiscs : {true, false})
        {
            FabricOptions lean;
            lean.queueDiscs = queueDiscs;
            FabricOptions p2p = lean;
            p2p.links = LeafSpineHelper::POINT_TO_POINT;
            FabricRun leanRun = RunFabric(lean);
            FabricRun p2pRun = RunFabric(p2p);
            NS_TEST_EXPECT_MSG_EQ(leanRun.ends.size(), 8 * 400, "fabric links: every RPC ended");
            NS_TEST_EXPECT_MSG_EQ(p2pRun.ends.size(), 8 * 400, "p2p: every RPC ended");
            NS_TEST_EXPECT_MSG_EQ(leanRun.failed + p2pRun.failed, 0, "none failed");
            NS_TEST_EXPECT_MSG_EQ((leanRun.ends == p2pRun.ends),
                                  true,
                                  "same completion times, RPC by RPC (queue discs " << queueDiscs
                                                                                    << ")");
        }
    }
};

/**
 * Port queues as the devices' own queues (PriorityDeviceQueue) against queue discs: the
 * same RPCs all complete; a packet leaves at the same time either way, only same-time events
 * may order differently, so the completion times agree RPC by RPC within 1 % for 99 % of
 * them, and the p50 and p99 within 1 %.
 */
class HomaDatacenterDeviceQueuesTest : public TestCase
{
  public:
    HomaDatacenterDeviceQueuesTest()
        : TestCase("2x4 fabric under 40 % W3 load: device queues agree with queue discs")
    {
    }

  private:
    void DoRun() override
    {
        FabricRun qdiscRun = RunFabric();
        FabricOptions devices;
        devices.queueDiscs = false;
        FabricRun deviceRun = RunFabric(devices);
        std::vector<int64_t>& qdisc = qdiscRun.ends;
        std::vector<int64_t>& device = deviceRun.ends;
        NS_TEST_ASSERT_MSG_EQ(device.size(), 8 * 400, "device queues: every RPC ended");
        NS_TEST_ASSERT_MSG_EQ(qdisc.size(), device.size(), "the same RPCs");
        NS_TEST_EXPECT_MSG_EQ(deviceRun.failed, 0, "none failed");
        uint32_t close = 0;
        for (size_t i = 0; i < qdisc.size(); ++i)
        {
            close += std::abs(double(device[i] - qdisc[i])) <= 0.01 * double(qdisc[i]);
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(close, qdisc.size() * 99 / 100, "99 % of RPCs within 1 %");
        std::sort(qdisc.begin(), qdisc.end());
        std::sort(device.begin(), device.end());
        for (double q : {0.5, 0.99})
        {
            auto i = static_cast<size_t>(q * (qdisc.size() - 1));
            NS_TEST_EXPECT_MSG_LT_OR_EQ(std::abs(double(device[i] - qdisc[i])),
                                        0.01 * double(qdisc[i]),
                                        "quantile " << q << " within 1 %");
        }
    }
};

/**
 * Load over every wire byte: W1 RPCs (1-byte responses) on the 2x4 fabric, with Poisson
 * arrivals set so that the mean of MessageStats::RpcWireBytes (request, grants, response) is
 * 50 % of each host link; the bytes the hosts' NICs send in the second millisecond are 50 %
 * of what the links could carry, within 3 % (counting message bytes only would offer 30 %
 * more, as W1's headers and responses weigh as much as its messages).
 */
class HomaDatacenterWireLoadTest : public TestCase
{
  public:
    HomaDatacenterWireLoadTest()
        : TestCase("2x4 fabric, W1 RPCs at 50 % of the wire: hosts send 50 % within 3 %")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(4);
        fabric.SetSpines(2);
        fabric.Install();
        fabric.AssignStreams(1000);
        HomaHelper homa;
        homa.Install(fabric.GetHosts());
        HomaServerHelper servers(9000);
        servers.SetAttribute("ResponseSize", UintegerValue(1));
        servers.Install(fabric.GetHosts());
        MessageWorkload w1 =
            MessageWorkload::Load(std::string(NS_TEST_SOURCEDIR) + "/../workloads/W1.cdf");
        double wire = w1.Expect([](uint32_t size) {
            return static_cast<double>(MessageStats::RpcWireBytes(size, 10000, 1));
        });
        double messageOnly = w1.Expect(
            [](uint32_t size) { return static_cast<double>(MessageStats::WireBytes(size)); });
        NS_TEST_EXPECT_MSG_GT(wire / messageOnly, 1.25, "responses and headers weigh in W1");
        double interval = wire * 8 / (0.5 * 10e9);
        for (uint32_t h = 0; h < 8; ++h)
        {
            Ptr<HomaClient> c = CreateObject<HomaClient>();
            for (uint32_t d = 0; d < 8; ++d)
            {
                if (d != h)
                {
                    c->AddServer(InetSocketAddress(fabric.GetHostAddress(d), 9000));
                }
            }
            Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
            gap->SetAttribute("Mean", DoubleValue(interval));
            c->SetAttribute("Interval", PointerValue(gap));
            c->SetAttribute("MessageSize", PointerValue(w1.MakeRandomVariable()));
            c->AssignStreams(300 + 3 * h);
            fabric.GetHosts().Get(h)->AddApplication(c);
            fabric.GetHosts().Get(h)->GetDevice(1)->TraceConnectWithoutContext(
                "PhyTxEnd",
                MakeCallback(&HomaDatacenterWireLoadTest::Sent, this));
        }
        Simulator::Stop(MilliSeconds(2));
        Simulator::Run();
        double load = m_bytes / (8 * 10e9 / 8 * 1e-3);
        NS_TEST_EXPECT_MSG_EQ_TOL(load, 0.5, 0.015, "hosts sent 50 % of their links' capacity");
        Simulator::Destroy();
    }

    void Sent(Ptr<const Packet> p)
    {
        if (Simulator::Now() >= MilliSeconds(1))
        {
            m_bytes += p->GetSize();
        }
    }

    double m_bytes{0}; //!< bytes the hosts sent in the second millisecond
};

/// The homa-datacenter suite.
/**
 * The MPI partition (LeafSpineHelper::SetRanks), checked without MPI: racks in
 * contiguous blocks and spines to the least loaded rank, only ToR-spine links cross ranks, node ids
 * do not move, and a serial run of a partitioned fabric gives exactly the unpartitioned results
 * (the system ids change nothing else: same nodes, addresses and random streams).
 */
class HomaDatacenterPartitionTest : public TestCase
{
  public:
    HomaDatacenterPartitionTest()
        : TestCase("MPI partition: racks in blocks, spines balancing the ranks, only ToR-spine "
                   "links cut, same results")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<uint32_t> nine;
        for (uint32_t r = 0; r < 9; ++r)
        {
            nine.push_back(LeafSpineHelper::RackRank(r, 9, 2));
        }
        NS_TEST_EXPECT_MSG_EQ((nine == std::vector<uint32_t>{0, 0, 0, 0, 0, 1, 1, 1, 1}),
                              true,
                              "9 racks on 2 ranks: 5 and 4");
        NS_TEST_EXPECT_MSG_EQ(LeafSpineHelper::RackRank(11, 36, 3), 0, "36 racks, 3 ranks");
        NS_TEST_EXPECT_MSG_EQ(LeafSpineHelper::RackRank(12, 36, 3), 1, "blocks of 12");
        NS_TEST_EXPECT_MSG_EQ(LeafSpineHelper::RackRank(35, 36, 3), 2, "the last block");
        // Spines to the least loaded rank: 80 and 64 hosts weigh 1120 and 896 units, a spine
        // 144 x 4 / 4 = 144: 896 -> 1040 -> 1184, then 1120 -> 1264, then 1184 -> 1328.
        NS_TEST_EXPECT_MSG_EQ(
            (LeafSpineHelper::SpineRanks({80, 64}, 4) == std::vector<uint32_t>{1, 1, 0, 1}),
            true,
            "9 racks on 2 ranks: three spines to the rank with 4 racks");
        NS_TEST_EXPECT_MSG_EQ(
            (LeafSpineHelper::SpineRanks({288, 288}, 4) == std::vector<uint32_t>{0, 1, 0, 1}),
            true,
            "equal ranks: spines alternate");

        // 4 racks of 2 hosts, 2 spines, 2 ranks.
        LeafSpineHelper fabric;
        fabric.SetRacks(4);
        fabric.SetHostsPerRack(2);
        fabric.SetSpines(2);
        fabric.SetRanks(2);
        fabric.Install();
        NS_TEST_EXPECT_MSG_EQ(fabric.GetRanks(), 2, "2 ranks");
        for (uint32_t h = 0; h < 8; ++h)
        {
            Ptr<Node> host = fabric.GetHosts().Get(h);
            NS_TEST_EXPECT_MSG_EQ(host->GetId(), h, "hosts keep node ids 0..7");
            NS_TEST_EXPECT_MSG_EQ(host->GetSystemId(), h / 4, "racks 0-1 on rank 0, 2-3 on 1");
        }
        for (uint32_t r = 0; r < 4; ++r)
        {
            NS_TEST_EXPECT_MSG_EQ(fabric.GetTors().Get(r)->GetId(), 8 + r, "ToR node ids");
            NS_TEST_EXPECT_MSG_EQ(fabric.GetTors().Get(r)->GetSystemId(), r / 2, "ToR rank");
        }
        for (uint32_t sp = 0; sp < 2; ++sp)
        {
            NS_TEST_EXPECT_MSG_EQ(fabric.GetSpines().Get(sp)->GetSystemId(), sp, "spine rank");
        }
        // Every link: which cross ranks.
        uint32_t links = 0;
        uint32_t cut = 0;
        uint32_t cutTorSpine = 0;
        NodeContainer tors = fabric.GetTors();
        for (uint32_t r = 0; r < tors.GetN(); ++r)
        {
            Ptr<Node> tor = tors.Get(r);
            for (uint32_t d = 0; d < tor->GetNDevices(); ++d)
            {
                Ptr<Channel> ch = tor->GetDevice(d)->GetChannel();
                if (!ch)
                {
                    continue;
                }
                ++links;
                Ptr<Node> a = ch->GetDevice(0)->GetNode();
                Ptr<Node> b = ch->GetDevice(1)->GetNode();
                if (a->GetSystemId() != b->GetSystemId())
                {
                    ++cut;
                    bool spine = (a->GetId() >= 12) != (b->GetId() >= 12);
                    cutTorSpine += spine;
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ(links, 4 * (2 + 2), "each ToR: 2 host links, 2 spine links");
        NS_TEST_EXPECT_MSG_EQ(cut, 4, "each ToR reaches one spine of the other rank");
        NS_TEST_EXPECT_MSG_EQ(cutTorSpine, cut, "only ToR-spine links are cut");
        Simulator::Destroy();

        // Serial runs ignore the partition: the same RPCs, to the nanosecond.
        FabricRun one = RunFabric();
        FabricOptions partitioned;
        partitioned.ranks = 2;
        FabricRun two = RunFabric(partitioned);
        NS_TEST_EXPECT_MSG_EQ(two.ends.size(), 8 * 400, "partitioned: every RPC ended");
        NS_TEST_EXPECT_MSG_EQ(two.failed, 0, "none failed");
        NS_TEST_EXPECT_MSG_EQ((one.ends == two.ends), true, "same completion times, RPC by RPC");
    }
};

class HomaDatacenterTestSuite : public TestSuite
{
  public:
    HomaDatacenterTestSuite()
        : TestSuite("homa-datacenter", NS3_COMPAT_TEST_SYSTEM)
    {
        AddTestCase(new HomaDatacenterTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaDatacenterSwitchesTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaDatacenterLinksTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaDatacenterDeviceQueuesTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaDatacenterWireLoadTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaDatacenterPartitionTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaDatacenterTestSuite g_homaDatacenterTestSuite; //!< registers the suite
