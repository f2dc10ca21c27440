/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-loss: recovery from random packet loss, dead peers and timeouts, and the
// absence of leftover state after thousands of RPCs.

#include "homa-test-util.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/homa-header.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/pointer.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;

namespace
{

/// Cut a host off the network: every packet to or from it is lost from now on.
void
KillHost(homatest::Star* star, uint32_t host)
{
    for (Ptr<NetDevice> dev : {star->hostDevices.Get(host), star->switchDevices.Get(host)})
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorRate", DoubleValue(1.0));
        em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        dev->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
}

/// Count the DATA packets that start at \p offset with \p size bytes.
void
CountCut(uint32_t* count,
         uint32_t offset,
         uint32_t size,
         Ptr<const Packet> p,
         Ipv4Address,
         Ipv4Address,
         uint8_t)
{
    HomaDataHeader h;
    if (homatest::PeekData(p, h) && h.GetOffset() == offset &&
        p->GetSize() - HomaDataHeader::SIZE == size)
    {
        ++*count;
    }
}

} // namespace

/// Every message arrives byte-exact with random loss on every link.
class HomaRandomLossTest : public TestCase
{
  public:
    /**
     * \param rate packet loss rate on every link direction
     * \param wholePackets UnschedWholePackets (false: exactly 9328 unscheduled bytes)
     */
    explicit HomaRandomLossTest(double rate, bool wholePackets = true)
        : TestCase("every RPC completes byte-exact with " + std::to_string(int(rate * 100)) +
                   " % loss per link" + (wholePackets ? "" : ", exactly 9328 unscheduled bytes")),
          m_rate(rate),
          m_wholePackets(wholePackets)
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper helper;
        if (!m_wholePackets)
        {
            helper.SetAttribute("UnschedBytes", UintegerValue(9328));
        }
        helper.SetAttribute("UnschedWholePackets", BooleanValue(m_wholePackets));
        homatest::Star star = homatest::BuildStar(3, "10Gbps", "1us", helper);
        homatest::AddLoss(star, m_rate, 100);
        // The last unscheduled packet: [8544, 9328) when cut short, [8544, 9968) otherwise.
        uint32_t cut = 0;
        star.Homa(0)->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(&CountCut, &cut, uint32_t{8544}, m_wholePackets ? 1424U : 784U));
        homatest::Server server(star.Homa(2), 6000);
        homatest::Client a(star.Homa(0));
        homatest::Client b(star.Homa(1));
        const std::vector<uint32_t> sizes{1, 500, 1424, 3000, 10000, 20000, 65000, 150000, 400000};
        uint32_t seed = 0;
        for (int round = 0; round < 3; ++round)
        {
            for (uint32_t s : sizes)
            {
                a.Send(star.addresses[2], 6000, homatest::MakeMessage(s, seed++));
                b.Send(star.addresses[2], 6000, homatest::MakeMessage(s + 7, seed++));
            }
        }
        Simulator::Stop(Seconds(20));
        Simulator::Run();
        uint64_t resent = 0;
        for (homatest::Client* c : {&a, &b})
        {
            NS_TEST_ASSERT_MSG_EQ(c->results.size(), 3 * sizes.size(), "every RPC ended");
            for (const auto& r : c->results)
            {
                NS_TEST_EXPECT_MSG_EQ(r.error, HomaRpcError::NONE, "no RPC failed");
                NS_TEST_ASSERT_MSG_NE(r.response, nullptr, "response present");
                NS_TEST_EXPECT_MSG_EQ(
                    (homatest::Bytes(r.response) == homatest::Bytes(c->requests[r.id])),
                    true,
                    "RPC " << r.id << " byte-exact");
            }
        }
        for (uint32_t i = 0; i < 3; ++i)
        {
            resent += star.Homa(i)->GetMetrics().resentPackets;
            NS_TEST_EXPECT_MSG_EQ(star.Homa(i)->GetNumRpcs(), 0, "no RPC state left on host " << i);
        }
        NS_TEST_EXPECT_MSG_GT(resent, 0, "losses were repaired by retransmission");
        // Host 0 sends 3 requests of >= 10,000 bytes per round (10,000, 20,000, 65,000,
        // 150,000 and 400,000: 5 per round) with that packet, plus any retransmissions.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(cut, 15, "every long request has that last packet");
        Simulator::Destroy();
    }

    double m_rate;       //!< loss rate
    bool m_wholePackets; //!< UnschedWholePackets
};

/// A dead server: the client's RPC aborts with TIMEOUT and no state remains.
class HomaDeadPeerTest : public TestCase
{
  public:
    HomaDeadPeerTest()
        : TestCase("RPCs with a dead peer abort after the timeout and leave no state")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper helper;
        homatest::Star star = homatest::BuildStar(3, "10Gbps", "1us", helper);
        homatest::Server server(star.Homa(1), 6000);
        homatest::Client client(star.Homa(0));
        KillHost(&star, 1);
        client.Send(star.addresses[1], 6000, homatest::MakeMessage(5000, 1));
        client.Send(star.addresses[1], 6000, homatest::MakeMessage(300000, 2));

        // A client that dies halfway through sending a long request: the server frees it.
        homatest::Server server2(star.Homa(2), 6001);
        homatest::Client dying(star.Homa(0));
        dying.Send(star.addresses[2], 6001, homatest::MakeMessage(500000, 3));
        Simulator::Schedule(MicroSeconds(30), &KillHost, &star, 0);

        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(client.results.size(), 2, "both RPCs ended");
        for (const auto& r : client.results)
        {
            NS_TEST_EXPECT_MSG_EQ(r.error, HomaRpcError::TIMEOUT, "aborted with TIMEOUT");
            NS_TEST_EXPECT_MSG_EQ(r.response, nullptr, "no response");
            // 100 silent ticks of 1 ms after the request went out.
            NS_TEST_EXPECT_MSG_GT_OR_EQ(r.when, MilliSeconds(100), "not before the timeout");
            NS_TEST_EXPECT_MSG_LT(r.when, MilliSeconds(103), "right after the timeout");
        }
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetMetrics().rpcTimeouts, 3, "three client timeouts");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetNumRpcs(), 0, "no client state left");
        NS_TEST_EXPECT_MSG_EQ(server2.requests.size(), 0, "the half request never reached the app");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(2)->GetMetrics().serverRpcDiscards, 1, "server freed it");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(2)->GetNumRpcs(), 0, "no server state left");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(2)->GetGrantScheduler().GetSize(),
                              0,
                              "no grant state left");
        Simulator::Destroy();
    }
};

/// Thousands of RPCs leave nothing behind but the peer table.
class HomaStateTest : public TestCase
{
  public:
    HomaStateTest()
        : TestCase("no RPC, message, pacer, grant or ack state after thousands of RPCs")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper helper;
        homatest::Star star = homatest::BuildStar(4, "10Gbps", "1us", helper);
        homatest::Server server(star.Homa(3), 6000, [](Ptr<Packet> req) {
            return homatest::MakeMessage(req->GetSize() / 3 + 1, req->GetSize());
        });
        std::vector<std::unique_ptr<homatest::Client>> clients;
        Ptr<UniformRandomVariable> size = CreateObject<UniformRandomVariable>();
        size->SetStream(11);
        Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
        gap->SetStream(12);
        gap->SetAttribute("Mean", DoubleValue(60e-6)); // about 6 Gbps into the server
        for (uint32_t c = 0; c < 3; ++c)
        {
            clients.push_back(std::make_unique<homatest::Client>(star.Homa(c)));
            Time t = Seconds(0);
            for (uint32_t k = 0; k < 1000; ++k)
            {
                t += Seconds(gap->GetValue());
                uint32_t s = size->GetInteger(1, 30000);
                homatest::Client* cl = clients[c].get();
                Ipv4Address dst = star.addresses[3];
                Simulator::Schedule(t, [cl, dst, s, k]() {
                    cl->Send(dst, 6000, homatest::MakeMessage(s, k));
                });
            }
        }
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        uint32_t done = 0;
        for (auto& c : clients)
        {
            for (const auto& r : c->results)
            {
                done += r.error == HomaRpcError::NONE ? 1 : 0;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(done, 3000, "3000 RPCs completed");
        for (uint32_t i = 0; i < 4; ++i)
        {
            Ptr<HomaL4Protocol> h = star.Homa(i);
            NS_TEST_EXPECT_MSG_EQ(h->GetNumRpcs(), 0, "no RPCs on host " << i);
            NS_TEST_EXPECT_MSG_EQ(h->GetPacer().GetSize(), 0, "empty pacer on host " << i);
            NS_TEST_EXPECT_MSG_EQ(h->GetGrantScheduler().GetSize(), 0, "no grants on host " << i);
            NS_TEST_EXPECT_MSG_EQ(h->GetPeers().GetPendingAcks(), 0, "no acks owed on host " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(star.Homa(3)->GetPeers().GetSize(), 3, "server keeps 3 peers");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetPeers().GetSize(), 1, "client keeps 1 peer");
        NS_TEST_EXPECT_MSG_EQ(server.socket->GetNumReady(), 0, "nothing waiting in the server");
        const HomaMetrics& sm = star.Homa(3)->GetMetrics();
        NS_TEST_EXPECT_MSG_EQ(sm.serverRequestsDone, 3000, "server counted 3000 requests");
        NS_TEST_EXPECT_MSG_EQ(sm.serverRpcDiscards, 0, "no server RPC freed by timeout");
        Simulator::Destroy();
    }
};

/**
 * A server missing part of a request still asks for it while the client keeps asking for
 * the response: RESENDs from the client do not count as the peer working on the RPC (only
 * DATA, GRANT and BUSY do, as in Linux's homa_dispatch_pkts). Found against Linux Homa,
 * whose client RESENDs every few ms: the server answered BUSY forever.
 */
class HomaResendStormTest : public TestCase
{
  public:
    HomaResendStormTest()
        : TestCase("a server fills a request's gap while its client keeps sending RESENDs")
    {
    }

  private:
    /// Record the RESENDs a host sent.
    static void Resent(std::vector<std::pair<uint32_t, uint32_t>>* out,
                       Ipv4Address,
                       uint64_t,
                       uint32_t offset,
                       uint32_t length)
    {
        out->emplace_back(offset, length);
    }

    void DoRun() override
    {
        HomaHelper helper;
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", helper);
        // The client asks for the response after 2 silent ticks, then every tick; the server
        // waits the default 5 ticks before asking for missing request bytes.
        star.Homa(0)->SetAttribute("ResendTicks", UintegerValue(2));
        star.Homa(0)->SetAttribute("ResendInterval", UintegerValue(1));
        // The server's link loses the third packet it receives: request bytes [2848, 4272).
        Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
        em->SetList({2});
        star.hostDevices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        std::vector<std::pair<uint32_t, uint32_t>> serverResends;
        star.Homa(1)->TraceConnectWithoutContext("Resend",
                                                 MakeBoundCallback(&Resent, &serverResends));
        homatest::Server server(star.Homa(1), 6000);
        homatest::Client client(star.Homa(0));
        Ptr<Packet> request = homatest::MakeMessage(30000, 7);
        Simulator::Schedule(MilliSeconds(1),
                            [&]() { client.Send(star.addresses[1], 6000, request); });
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(client.results.size(), 1, "the RPC ended");
        NS_TEST_EXPECT_MSG_EQ((client.results[0].error == HomaRpcError::NONE), true, "no error");
        NS_TEST_EXPECT_MSG_EQ(
            (homatest::Bytes(client.results[0].response) == homatest::Bytes(request)),
            true,
            "echo byte-exact");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(serverResends.size(), 1, "the server asked for the gap");
        NS_TEST_EXPECT_MSG_EQ(serverResends[0].first, 2848, "gap offset");
        NS_TEST_EXPECT_MSG_EQ(serverResends[0].second, 1424, "gap length");
        // Five ticks of silence after the last request packet, then one round trip: well
        // before the client's timeout (100 ticks).
        NS_TEST_EXPECT_MSG_LT(client.results[0].when, MilliSeconds(10), "completed quickly");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(1)->GetNumRpcs(), 0, "no server RPC left");
        Simulator::Destroy();
    }
};

/// The homa-loss suite.
class HomaLossTestSuite : public TestSuite
{
  public:
    HomaLossTestSuite()
        : TestSuite("homa-loss", NS3_COMPAT_TEST_SYSTEM)
    {
        AddTestCase(new HomaRandomLossTest(0.01), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaRandomLossTest(0.10), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaRandomLossTest(0.10, false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaDeadPeerTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaStateTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaResendStormTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaLossTestSuite g_homaLossTestSuite; //!< registers the suite
