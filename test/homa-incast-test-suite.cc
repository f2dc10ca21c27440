/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-incast: 64 HomaClient applications send to one HomaServer at the same moment.
// Every request arrives byte-exact and the small messages finish before the large ones.
// Also HomaClient's sizes in turn, echo verification and Request trace.

#include "homa-test-util.h"

#include "ns3/boolean.h"
#include "ns3/homa-app-helper.h"
#include "ns3/homa-client.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-server.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;

/// The classic incast with applications and helpers.
class HomaIncastTest : public TestCase
{
  public:
    HomaIncastTest()
        : TestCase("64-sender incast: byte-exact, small messages before large ones")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t senders = 64;
        HomaHelper homa;
        homatest::Star star = homatest::BuildStar(senders + 1, "10Gbps", "1us", homa);
        HomaServerHelper serverHelper(9000);
        serverHelper.SetAttribute("Verify", BooleanValue(true));
        serverHelper.SetAttribute("ResponseSize", UintegerValue(1));
        ApplicationContainer serverApps = serverHelper.Install(star.hosts.Get(senders));

        NodeContainer small;
        NodeContainer large;
        for (uint32_t i = 0; i < senders; ++i)
        {
            (i % 2 ? large : small).Add(star.hosts.Get(i));
        }
        ApplicationContainer clientApps;
        for (auto [nodes, size] : {std::make_pair(small, 3000u), std::make_pair(large, 200000u)})
        {
            HomaClientHelper clients;
            clients.AddServer(InetSocketAddress(star.addresses[senders], 9000));
            clients.SetAttribute(
                "MessageSize",
                StringValue("ns3::ConstantRandomVariable[Constant=" + std::to_string(size) + "]"));
            clients.SetAttribute("Interval",
                                 StringValue("ns3::ConstantRandomVariable[Constant=0]"));
            clients.SetAttribute("MaxRpcs", UintegerValue(1));
            clients.SetAttribute("Pattern", BooleanValue(true));
            clientApps.Add(clients.Install(nodes));
        }
        serverApps.Start(Seconds(0));
        clientApps.Start(MicroSeconds(10));
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        Ptr<HomaServer> server = DynamicCast<HomaServer>(serverApps.Get(0));
        NS_TEST_EXPECT_MSG_EQ(server->GetRequests(), senders, "every request arrived");
        NS_TEST_EXPECT_MSG_EQ(server->GetCorrupt(), 0, "every request byte-exact");
        NS_TEST_EXPECT_MSG_EQ(server->GetRequestBytes(), 32u * 3000 + 32u * 200000, "all bytes");
        Time lastSmall = Seconds(0);
        Time firstLarge = Seconds(10);
        uint32_t done = 0;
        for (uint32_t i = 0; i < clientApps.GetN(); ++i)
        {
            Ptr<HomaClient> c = DynamicCast<HomaClient>(clientApps.Get(i));
            NS_TEST_ASSERT_MSG_EQ(c->GetRecords().size(), 1, "client " << i << " finished");
            const HomaRpcRecord& r = c->GetRecords()[0];
            NS_TEST_EXPECT_MSG_EQ(r.error, HomaRpcError::NONE, "no error");
            NS_TEST_EXPECT_MSG_EQ(r.responseSize, 1, "1-byte response");
            ++done;
            if (r.requestSize == 3000)
            {
                lastSmall = std::max(lastSmall, r.end);
            }
            else
            {
                firstLarge = std::min(firstLarge, r.end);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(done, senders, "64 RPCs done");
        NS_TEST_EXPECT_MSG_LT(lastSmall, firstLarge, "every small message before any large one");
        // 6.5 MB into one 10 Gbps link: at least 5.2 ms, and Homa keeps the link busy.
        NS_TEST_EXPECT_MSG_LT(Simulator::Now(), Seconds(1.0001), "simulation ended");
        for (uint32_t i = 0; i <= senders; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(star.Homa(i)->GetNumRpcs(), 0, "no state left on host " << i);
        }
        Simulator::Destroy();
    }
};

/// HomaClient's sizes in turn, echo check and Request trace (what the emulation client uses).
class HomaClientEchoTest : public TestCase
{
  public:
    /// \param echo the server echoes (else it answers with 5 bytes)
    explicit HomaClientEchoTest(bool echo)
        : TestCase(echo ? "HomaClient: sizes in turn, echoes verified byte for byte, Request trace"
                        : "HomaClient: a response that is not the request is a mismatch"),
          m_echo(echo)
    {
    }

  private:
    /// \param starts where to record \param r a request handed to Homa
    static void Sent(std::vector<HomaRpcRecord>* starts, const HomaRpcRecord& r)
    {
        starts->push_back(r);
    }

    void DoRun() override
    {
        HomaHelper homa;
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", homa);
        HomaServerHelper serverHelper(9000);
        serverHelper.SetAttribute("Verify", BooleanValue(true));
        serverHelper.SetAttribute("ResponseSize", UintegerValue(m_echo ? 0 : 5));
        ApplicationContainer serverApps = serverHelper.Install(star.hosts.Get(1));
        Ptr<HomaClient> client = CreateObject<HomaClient>();
        client->AddServer(InetSocketAddress(star.addresses[1], 9000));
        client->SetMessageSizes({1, 3000, 70000});
        client->SetAttribute("MaxRpcs", UintegerValue(6));
        client->SetAttribute("MaxOutstanding", UintegerValue(1));
        client->SetAttribute("Interval", StringValue("ns3::ConstantRandomVariable[Constant=0]"));
        client->SetAttribute("Pattern", BooleanValue(true));
        client->SetAttribute("VerifyEcho", BooleanValue(true));
        star.hosts.Get(0)->AddApplication(client);
        std::vector<HomaRpcRecord> starts;
        client->TraceConnectWithoutContext("Request", MakeBoundCallback(&Sent, &starts));
        serverApps.Start(Seconds(0));
        client->SetStartTime(MicroSeconds(10));
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        const auto& records = client->GetRecords();
        NS_TEST_ASSERT_MSG_EQ(records.size(), 6, "six RPCs");
        NS_TEST_ASSERT_MSG_EQ(starts.size(), 6, "six requests reported");
        const std::vector<uint32_t> sizes{1, 3000, 70000, 1, 3000, 70000};
        for (size_t k = 0; k < 6; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(records[k].requestSize, sizes[k], "sizes in turn");
            NS_TEST_EXPECT_MSG_EQ(starts[k].id, records[k].id, "one at a time, in order");
            NS_TEST_EXPECT_MSG_EQ(starts[k].start, records[k].start, "same start");
            NS_TEST_EXPECT_MSG_GT(records[k].end, records[k].start, "ends later");
            NS_TEST_EXPECT_MSG_EQ(records[k].error, HomaRpcError::NONE, "no error");
            NS_TEST_EXPECT_MSG_EQ(records[k].responseSize, (m_echo ? sizes[k] : 5), "response");
            NS_TEST_EXPECT_MSG_EQ(records[k].echoMatches, m_echo, "echo check");
        }
        NS_TEST_EXPECT_MSG_EQ(client->GetMismatches(), (m_echo ? 0 : 6), "mismatches");
        Ptr<HomaServer> server = DynamicCast<HomaServer>(serverApps.Get(0));
        NS_TEST_EXPECT_MSG_EQ(server->GetCorrupt(), 0, "the server saw patterns");
        Simulator::Destroy();
    }

    bool m_echo; //!< the server echoes
};

/// The homa-incast suite.
class HomaIncastTestSuite : public TestSuite
{
  public:
    HomaIncastTestSuite()
        : TestSuite("homa-incast", NS3_COMPAT_TEST_SYSTEM)
    {
        AddTestCase(new HomaIncastTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaClientEchoTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaClientEchoTest(false), NS3_COMPAT_TEST_QUICK);
    }
};

static HomaIncastTestSuite g_homaIncastTestSuite; //!< registers the suite
