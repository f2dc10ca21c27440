/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-fabric-routing: FabricRouting on a ToR of LeafSpineHelper's fabric: longest
// prefix, per-packet spraying for Homa, per-flow hashing for TCP, FlowHash and SprayAll.

#include "ns3/fabric-routing.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <set>
#include <string>
#include <vector>

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
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(3);
        fabric.SetSpines(4);
        fabric.SetSprayProtocol(HomaL4Protocol::PROT_NUMBER);
        fabric.Install();
        fabric.AssignStreams(7);
        Ptr<FabricRouting> tor = LeafSpineHelper::GetFabricRouting(fabric.GetTors().Get(0));
        NS_TEST_ASSERT_MSG_NE(tor, nullptr, "the ToR has a FabricRouting");

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
        // SprayProtocol with no protocol named: Homa is hashed as TCP is.
        tor->SetAttribute("Balance", StringValue("SprayProtocol"));
        tor->SetAttribute("SprayProtocol", UintegerValue(0));
        hashed.clear();
        for (int i = 0; i < 100; ++i)
        {
            hashed.insert(tor->Lookup(IpFor(HomaL4Protocol::PROT_NUMBER), Ports(40000, 9000)));
        }
        NS_TEST_ASSERT_MSG_EQ(hashed.size(), 1u, "SprayProtocol 0: one path");
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

/// The route table alone: longest prefix first over several prefix lengths, many prefixes
/// of one length, a repeated prefix, no match.
class HomaRoutingTableTest : public TestCase
{
  public:
    HomaRoutingTableTest()
        : TestCase("route table: longest prefix wins, 300 prefixes of one length, first of a "
                   "repeated prefix, no match")
    {
    }

  private:
    /// \param r routing \param dst destination \return the single interface chosen
    static int32_t At(Ptr<FabricRouting> r, const char* dst)
    {
        return r->Lookup(Ipv4Address("10.0.0.1"), Ipv4Address(dst), 6, 0);
    }

    void DoRun() override
    {
        Ptr<FabricRouting> r = CreateObject<FabricRouting>();
        NS_TEST_ASSERT_MSG_EQ(At(r, "10.1.2.3"), -1, "an empty table routes nothing");
        r->AddRoute(Ipv4Address("10.0.0.0"), Ipv4Mask("255.0.0.0"), {1});
        r->AddRoute(Ipv4Address("10.7.0.0"), Ipv4Mask("255.255.0.0"), {2});
        r->AddRoute(Ipv4Address("10.7.3.9"), Ipv4Mask("255.255.255.255"), {3});
        // 300 /24s under 20/8 (the table grows and probes), added after the shorter ones.
        for (uint32_t i = 0; i < 300; ++i)
        {
            r->AddRoute(Ipv4Address((20u << 24) | (i << 8)), Ipv4Mask("255.255.255.0"), {100 + i});
        }
        // The same /16 again with another interface: the first one stays.
        r->AddRoute(Ipv4Address("10.7.0.0"), Ipv4Mask("255.255.0.0"), {9});
        NS_TEST_ASSERT_MSG_EQ(At(r, "10.7.3.9"), 3, "the /32 over the /16 and the /8");
        NS_TEST_ASSERT_MSG_EQ(At(r, "10.7.3.8"), 2, "the /16 over the /8 (first of two)");
        NS_TEST_ASSERT_MSG_EQ(At(r, "10.8.0.1"), 1, "the /8");
        NS_TEST_ASSERT_MSG_EQ(At(r, "11.0.0.1"), -1, "outside every prefix");
        for (uint32_t i = 0; i < 300; ++i)
        {
            Ipv4Address dst((20u << 24) | (i << 8) | 77);
            NS_TEST_ASSERT_MSG_EQ(r->Lookup(Ipv4Address("10.0.0.1"), dst, 6, 0),
                                  int32_t(100 + i),
                                  "each /24 to its own interface");
        }
        NS_TEST_ASSERT_MSG_EQ(At(r, "20.1.44.1"), -1, "20/8 beyond the 300 /24s");
        // A default route catches the rest; longer prefixes still win.
        r->AddRoute(Ipv4Address::GetZero(), Ipv4Mask::GetZero(), {4});
        NS_TEST_ASSERT_MSG_EQ(At(r, "11.0.0.1"), 4, "the default route");
        NS_TEST_ASSERT_MSG_EQ(At(r, "10.7.3.9"), 3, "the /32 over the default");
        NS_TEST_ASSERT_MSG_EQ(At(r, "20.0.5.1"), 105, "a /24 over the default");
    }
};

/// Uneven host placement: host i in rack rackOf[i], addresses and routes by rack position.
class HomaHostRacksTest : public TestCase
{
  public:
    HomaHostRacksTest()
        : TestCase("SetHostRacks: uneven racks, addresses 10.r.k.1, ToR routes and uplinks")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric;
        fabric.SetHostRacks({1, 0, 1, 0, 0}); // rack 0: hosts 1, 3, 4; rack 1: hosts 0, 2
        fabric.SetSpines(2);
        fabric.Install();
        NS_TEST_ASSERT_MSG_EQ(fabric.GetNHosts(), 5, "five hosts");
        NS_TEST_ASSERT_MSG_EQ(fabric.GetTors().GetN(), 2, "two racks");
        const std::vector<uint32_t> rack{1, 0, 1, 0, 0};
        const std::vector<std::string> address{"10.1.0.1",
                                               "10.0.0.1",
                                               "10.1.1.1",
                                               "10.0.1.1",
                                               "10.0.2.1"};
        for (uint32_t h = 0; h < 5; ++h)
        {
            NS_TEST_EXPECT_MSG_EQ(fabric.GetRack(h), rack[h], "rack of host " << h);
            NS_TEST_EXPECT_MSG_EQ(fabric.GetHostAddress(h),
                                  Ipv4Address(address[h].c_str()),
                                  "address of host " << h);
        }
        // ToR 0: its three hosts on interfaces 1..3, the other rack over interfaces 4 and 5.
        Ptr<FabricRouting> tor0 = LeafSpineHelper::GetFabricRouting(fabric.GetTors().Get(0));
        Ipv4Header ip;
        ip.SetSource(Ipv4Address("10.0.0.1"));
        ip.SetProtocol(6);
        ip.SetDestination(Ipv4Address("10.0.2.1"));
        NS_TEST_EXPECT_MSG_EQ(tor0->Lookup(ip, Ports(1, 2)), 3, "host 4 is port 3");
        ip.SetDestination(Ipv4Address("10.1.1.1"));
        int32_t up = tor0->Lookup(ip, Ports(1, 2));
        NS_TEST_EXPECT_MSG_EQ((up == 4 || up == 5), true, "host 2 via a spine uplink");
        Ptr<FabricRouting> tor1 = LeafSpineHelper::GetFabricRouting(fabric.GetTors().Get(1));
        NS_TEST_EXPECT_MSG_EQ(tor1->Lookup(ip, Ports(1, 2)), 2, "host 2 is rack 1's port 2");
        Simulator::Destroy();
    }
};

/**
 * SetFabricLinkSkew: each ToR-spine link gets its own extra delay, 1 time step plus the
 * link's index (rack * spines + spine + 1) times 2654435761 modulo the skew in time steps;
 * host links keep theirs; without a skew every fabric link has the plain delay.
 */
class HomaFabricLinkSkewTest : public TestCase
{
  public:
    HomaFabricLinkSkewTest()
        : TestCase("SetFabricLinkSkew: a distinct extra delay per ToR-spine link")
    {
    }

  private:
    /**
     * \param fabric an installed fabric
     * \return the delay of each ToR's links, in nanoseconds, by the peer's node id
     */
    static std::map<std::pair<uint32_t, uint32_t>, int64_t> Delays(const LeafSpineHelper& fabric)
    {
        std::map<std::pair<uint32_t, uint32_t>, int64_t> delays;
        NodeContainer tors = fabric.GetTors();
        for (uint32_t r = 0; r < tors.GetN(); ++r)
        {
            Ptr<Node> tor = tors.Get(r);
            for (uint32_t d = 0; d < tor->GetNDevices(); ++d)
            {
                Ptr<Channel> channel = tor->GetDevice(d)->GetChannel();
                if (!channel || channel->GetNDevices() != 2)
                {
                    continue; // the loopback
                }
                Ptr<NetDevice> end = channel->GetDevice(0)->GetNode() == tor
                                         ? channel->GetDevice(1)
                                         : channel->GetDevice(0);
                TimeValue delay;
                channel->GetAttribute("Delay", delay);
                delays[{r, end->GetNode()->GetId()}] = delay.Get().GetNanoSeconds();
            }
        }
        return delays;
    }

    void DoRun() override
    {
        for (bool skewed : {false, true})
        {
            LeafSpineHelper fabric;
            fabric.SetRacks(3);
            fabric.SetHostsPerRack(2);
            fabric.SetSpines(2);
            if (skewed)
            {
                fabric.SetFabricLinkSkew(MicroSeconds(1)); // 1000 steps at ns resolution
            }
            fabric.Install();
            // 2654435761 k mod 1000 for k = 1..6: 761, 522, 283, 44, 805, 566.
            const int64_t extra[3][2] = {{762, 523}, {284, 45}, {806, 567}};
            std::map<std::pair<uint32_t, uint32_t>, int64_t> delays = Delays(fabric);
            NS_TEST_ASSERT_MSG_EQ(delays.size(), 3 * (2 + 2), "each ToR: 2 hosts, 2 spines");
            for (uint32_t r = 0; r < 3; ++r)
            {
                for (uint32_t s = 0; s < 2; ++s)
                {
                    uint32_t spine = fabric.GetSpines().Get(s)->GetId();
                    int64_t delay = delays[std::make_pair(r, spine)];
                    NS_TEST_EXPECT_MSG_EQ(delay,
                                          250 + (skewed ? extra[r][s] : 0),
                                          "rack " << r << ", spine " << s);
                }
                for (uint32_t k = 0; k < 2; ++k)
                {
                    uint32_t host = fabric.GetHosts().Get(2 * r + k)->GetId();
                    int64_t delay = delays[std::make_pair(r, host)];
                    NS_TEST_EXPECT_MSG_EQ(delay, 875, "host link " << r << "." << k);
                }
            }
            Simulator::Destroy();
        }
    }
};

/// The homa-fabric-routing suite.
class HomaFabricRoutingTestSuite : public TestSuite
{
  public:
    HomaFabricRoutingTestSuite()
        : TestSuite("homa-fabric-routing", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaRoutingChoiceTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaRoutingTableTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaHostRacksTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFabricLinkSkewTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaFabricRoutingTestSuite g_homaFabricRoutingTestSuite; //!< registers the suite
