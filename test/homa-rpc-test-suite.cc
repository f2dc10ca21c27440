/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-rpc: messages and RPCs end to end over simulated links: every size class
// byte-exact, many outstanding RPCs matched, socket errors for misuse.

#include "homa-test-util.h"

#include "ns3/boolean.h"
#include "ns3/homa-header.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/homa-rpc.h"
#include "ns3/homa-socket.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;

/// One message of each size class, request and response, byte-exact.
class HomaSizeClassesTest : public TestCase
{
  public:
    HomaSizeClassesTest()
        : TestCase("1 B, 1 packet, RTTbytes, 10 x RTTbytes and 1 MB delivered byte-exact")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper helper;
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", helper);
        homatest::Server server(star.Homa(1), 5000);
        homatest::Client client(star.Homa(0));
        const std::vector<uint32_t> sizes{1, 1424, 10000, 100000, 1000000};
        std::map<uint64_t, uint32_t> sizeOf;
        for (size_t k = 0; k < sizes.size(); ++k)
        {
            Simulator::Schedule(MilliSeconds(5 * k), [&, k]() {
                uint64_t id =
                    client.Send(star.addresses[1], 5000, homatest::MakeMessage(sizes[k], k));
                sizeOf[id] = sizes[k];
            });
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(client.results.size(), sizes.size(), "every RPC completed");
        NS_TEST_ASSERT_MSG_EQ(server.requests.size(), sizes.size(), "every request arrived");
        for (size_t k = 0; k < sizes.size(); ++k)
        {
            auto expected = homatest::Bytes(homatest::MakeMessage(sizes[k], k));
            NS_TEST_EXPECT_MSG_EQ((homatest::Bytes(server.requests[k]) == expected),
                                  true,
                                  "request of " << sizes[k] << " B byte-exact");
            const auto& r = client.results[k];
            NS_TEST_EXPECT_MSG_EQ(r.error, HomaRpcError::NONE, "no error");
            NS_TEST_ASSERT_MSG_NE(r.response, nullptr, "response present");
            NS_TEST_EXPECT_MSG_EQ(r.id % 2, 0, "client ids are even");
            NS_TEST_EXPECT_MSG_EQ(r.response->GetSize(), sizeOf[r.id], "response size");
            NS_TEST_EXPECT_MSG_EQ(
                (homatest::Bytes(r.response) == homatest::Bytes(client.requests[r.id])),
                true,
                "echoed response of " << sizes[k] << " B byte-exact");
        }
        // Ids as the kernel assigns them: 2, 4, 6, ...
        NS_TEST_EXPECT_MSG_EQ(client.results[0].id, 2, "first id is 2");
        NS_TEST_EXPECT_MSG_EQ(client.results[4].id, 10, "fifth id is 10");
        // 1 MB at 10 Gbps takes at least 800 us on the wire each way.
        Time rtt = client.results[4].when - client.sentAt[client.results[4].id];
        NS_TEST_EXPECT_MSG_GT(rtt, MicroSeconds(1600), "1 MB RPC no faster than the links");
        NS_TEST_EXPECT_MSG_LT(rtt, MicroSeconds(1900), "1 MB RPC near line rate");
        const HomaMetrics& cm = star.Homa(0)->GetMetrics();
        NS_TEST_EXPECT_MSG_EQ(cm.clientRequestsStarted, 5, "five requests");
        NS_TEST_EXPECT_MSG_EQ(cm.clientResponsesDone, 5, "five responses");
        NS_TEST_EXPECT_MSG_EQ(cm.resentPackets, 0, "no loss, no resend");
        Simulator::Destroy();
    }
};

/**
 * The incast optimization (paper section 3.6): with IncastThreshold 2, the third and later
 * requests outstanding at once are marked (window field 300 on every DATA packet), and their
 * servers send the response with exactly 300 unscheduled bytes, the rest granted; unmarked
 * responses keep UnschedBytes. Byte-exact, and the count returns to 0 as RPCs end.
 */
class HomaIncastMarkTest : public TestCase
{
  public:
    HomaIncastMarkTest()
        : TestCase("incast optimization: marked requests get 300-byte unscheduled responses")
    {
    }

  private:
    static constexpr uint32_t RESPONSE = 20000; //!< response bytes
    static constexpr uint32_t UNSCHED = 10000;  //!< UnschedBytes
    static constexpr uint16_t LIMIT = 300;      //!< IncastUnschedBytes
    static constexpr uint32_t PAYLOAD = 1424;   //!< message bytes per packet (MTU 1500)

    /// \param request a request \return its 20000-byte response
    static Ptr<Packet> Respond(Ptr<Packet> request)
    {
        return homatest::MakeMessage(RESPONSE, request->GetSize());
    }

    /// The window field of every request DATA packet, by client RPC id.
    void OnClientTx(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t)
    {
        HomaDataHeader h;
        if (homatest::PeekData(p, h))
        {
            m_requestWindows[h.GetSenderId()].push_back(h.GetWindow());
        }
    }

    /// The first response packet of each RPC: its incoming field and payload.
    void OnServerTx(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t)
    {
        HomaDataHeader h;
        if (!homatest::PeekData(p, h))
        {
            return;
        }
        m_responseWindowSum += h.GetWindow();
        if (h.GetOffset() == 0)
        {
            m_firstIncoming[h.GetSenderId() ^ 1] = h.GetIncoming();
            m_firstPayload[h.GetSenderId() ^ 1] = p->GetSize() - h.GetSerializedSize();
        }
    }

    void DoRun() override
    {
        HomaHelper helper;
        helper.SetAttribute("UnschedBytes", UintegerValue(UNSCHED));
        helper.SetAttribute("UnschedWholePackets", BooleanValue(true));
        helper.SetAttribute("IncastThreshold", UintegerValue(2));
        helper.SetAttribute("IncastUnschedBytes", UintegerValue(LIMIT));
        homatest::Star star = homatest::BuildStar(4, "10Gbps", "1us", helper);
        std::vector<std::unique_ptr<homatest::Server>> servers;
        for (uint32_t s = 1; s < 4; ++s)
        {
            servers.push_back(std::make_unique<homatest::Server>(star.Homa(s), 7000, &Respond));
            star.Homa(s)->TraceConnectWithoutContext(
                "Tx",
                MakeCallback(&HomaIncastMarkTest::OnServerTx, this));
        }
        star.Homa(0)->TraceConnectWithoutContext(
            "Tx",
            MakeCallback(&HomaIncastMarkTest::OnClientTx, this));
        homatest::Client client(star.Homa(0));
        // Six 3000-byte requests at once, two to each server: RPCs 2 and 4 unmarked, 6 to 12
        // marked; RPC 14, started once all have ended, unmarked again.
        for (uint32_t k = 0; k < 6; ++k)
        {
            client.Send(star.addresses[1 + k % 3], 7000, homatest::MakeMessage(3000, k));
        }
        Simulator::Schedule(MilliSeconds(5), [&]() {
            client.Send(star.addresses[1], 7000, homatest::MakeMessage(3000, 6));
        });
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(client.results.size(), 7, "every RPC completed");
        for (const auto& r : client.results)
        {
            NS_TEST_ASSERT_MSG_NE(r.response, nullptr, "response present");
            NS_TEST_EXPECT_MSG_EQ(
                (homatest::Bytes(r.response) == homatest::Bytes(Respond(client.requests.at(r.id)))),
                true,
                "response of RPC " << r.id << " byte-exact");
            bool marked = r.id >= 6 && r.id <= 12;
            const auto& windows = m_requestWindows[r.id];
            NS_TEST_EXPECT_MSG_EQ(windows.size(), 3, "three request packets of RPC " << r.id);
            for (uint16_t w : windows)
            {
                NS_TEST_EXPECT_MSG_EQ(w, (marked ? LIMIT : uint16_t(0)), "window of RPC " << r.id);
            }
            NS_TEST_EXPECT_MSG_EQ(m_firstIncoming[r.id],
                                  (marked ? uint32_t(LIMIT) : 8 * PAYLOAD), // whole packets
                                  "unscheduled bytes of response " << r.id);
            NS_TEST_EXPECT_MSG_EQ(m_firstPayload[r.id],
                                  (marked ? uint32_t(LIMIT) : PAYLOAD),
                                  "first packet of response " << r.id);
        }
        NS_TEST_EXPECT_MSG_EQ(m_responseWindowSum, 0, "responses carry no mark");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetMetrics().incastMarked, 4, "four marked");
        uint64_t limited = 0;
        for (uint32_t s = 1; s < 4; ++s)
        {
            limited += star.Homa(s)->GetMetrics().incastLimited;
        }
        NS_TEST_EXPECT_MSG_EQ(limited, 4, "four responses limited");
        Simulator::Destroy();
    }

    std::map<uint64_t, std::vector<uint16_t>> m_requestWindows; //!< by client RPC id
    std::map<uint64_t, uint32_t> m_firstIncoming;               //!< by client RPC id
    std::map<uint64_t, uint32_t> m_firstPayload;                //!< by client RPC id
    uint64_t m_responseWindowSum{0};                            //!< windows of responses
};

/// Many outstanding RPCs from several clients; responses matched to their requests.
class HomaManyOutstandingTest : public TestCase
{
  public:
    HomaManyOutstandingTest()
        : TestCase("many outstanding RPCs are matched to their requests")
    {
    }

  private:
    static Ptr<Packet> Respond(Ptr<Packet> request)
    {
        // The response depends on the request: its length and a seed taken from it.
        return homatest::MakeMessage(request->GetSize() % 5000 + 1, request->GetSize());
    }

    void DoRun() override
    {
        HomaHelper helper;
        homatest::Star star = homatest::BuildStar(4, "10Gbps", "1us", helper);
        homatest::Server server(star.Homa(3), 7000, &Respond);
        std::vector<std::unique_ptr<homatest::Client>> clients;
        uint32_t size = 100;
        for (uint32_t c = 0; c < 3; ++c)
        {
            clients.push_back(std::make_unique<homatest::Client>(star.Homa(c)));
            for (uint32_t k = 0; k < 100; ++k)
            {
                size = (size * 7919 + 13) % 60000 + 1;
                clients[c]->Send(star.addresses[3],
                                 7000,
                                 homatest::MakeMessage(size, c * 1000 + k));
            }
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        for (uint32_t c = 0; c < 3; ++c)
        {
            NS_TEST_ASSERT_MSG_EQ(clients[c]->results.size(), 100, "client " << c << " got all");
            for (const auto& r : clients[c]->results)
            {
                NS_TEST_ASSERT_MSG_NE(r.response, nullptr, "response present");
                auto expected = Respond(clients[c]->requests.at(r.id));
                NS_TEST_EXPECT_MSG_EQ((homatest::Bytes(r.response) == homatest::Bytes(expected)),
                                      true,
                                      "response of RPC " << r.id << " matches its request");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(server.requests.size(), 300, "300 requests served");
        Simulator::Destroy();
    }
};

/// Misuse of the socket API gives socket errors.
class HomaSocketErrorsTest : public TestCase
{
  public:
    HomaSocketErrorsTest()
        : TestCase("socket errors for misuse")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper helper;
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", helper);
        InetSocketAddress server(star.addresses[1], 80);
        Ptr<HomaSocket> s = DynamicCast<HomaSocket>(star.Homa(0)->CreateSocket());
        NS_TEST_EXPECT_MSG_EQ(s->SendRequest(Create<Packet>(10), server), 0, "unbound: refused");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_NOTCONN, "unbound: NOTCONN");
        NS_TEST_EXPECT_MSG_EQ(s->Send(Create<Packet>(10), 0), -1, "Send without Connect");
        NS_TEST_EXPECT_MSG_EQ(s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80)), 0, "bind 80");
        Ptr<HomaSocket> t = DynamicCast<HomaSocket>(star.Homa(0)->CreateSocket());
        NS_TEST_EXPECT_MSG_EQ(t->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80)),
                              -1,
                              "port taken");
        NS_TEST_EXPECT_MSG_EQ(t->GetErrno(), Socket::ERROR_ADDRINUSE, "ADDRINUSE");
        NS_TEST_EXPECT_MSG_EQ(t->Bind(), 0, "ephemeral bind");
        NS_TEST_EXPECT_MSG_EQ(t->GetPort(), 0x8000, "first ephemeral port is 0x8000");
        NS_TEST_EXPECT_MSG_EQ(s->SendRequest(Create<Packet>(1000001), server), 0, "too long");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_MSGSIZE, "MSGSIZE");
        NS_TEST_EXPECT_MSG_EQ(s->SendRequest(Create<Packet>(0), server), 0, "empty");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_MSGSIZE, "MSGSIZE for 0 B");
        NS_TEST_EXPECT_MSG_EQ(s->SendResponse(Create<Packet>(10), server, 3), -1, "unknown RPC");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_INVAL, "INVAL");
        NS_TEST_EXPECT_MSG_EQ(
            s->SendRequest(Create<Packet>(10), Inet6SocketAddress(Ipv6Address("::1"), 80)),
            0,
            "IPv6 refused");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_AFNOSUPPORT, "AFNOSUPPORT");
        NS_TEST_EXPECT_MSG_EQ(s->SendRequest(Create<Packet>(1000000), server) % 2,
                              0,
                              "1 MB accepted");
        NS_TEST_EXPECT_MSG_EQ(s->GetNumRpcs(), 1, "one RPC");
        NS_TEST_EXPECT_MSG_EQ(s->Close(), 0, "close");
        NS_TEST_EXPECT_MSG_EQ(s->GetNumRpcs(), 0, "close frees RPCs");
        NS_TEST_EXPECT_MSG_EQ(s->SendRequest(Create<Packet>(10), server), 0, "send after close");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_BADF, "BADF");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetPacer().GetSize(), 0, "pacer forgot the RPC");
        Simulator::Destroy();
    }
};

/// A request to a port with no socket fails with PORT_UNREACHABLE through ICMP.
class HomaPortUnreachableTest : public TestCase
{
  public:
    HomaPortUnreachableTest()
        : TestCase("request to a closed port fails with an error")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper helper;
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", helper);
        homatest::Client client(star.Homa(0));
        client.Send(star.addresses[1], 4444, homatest::MakeMessage(100, 1));
        Simulator::Stop(MilliSeconds(50));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(client.results.size(), 1, "the RPC ended");
        NS_TEST_EXPECT_MSG_EQ(client.results[0].response, nullptr, "no response");
        NS_TEST_EXPECT_MSG_EQ(client.results[0].error,
                              HomaRpcError::PORT_UNREACHABLE,
                              "PORT_UNREACHABLE");
        NS_TEST_EXPECT_MSG_LT(client.results[0].when, MilliSeconds(1), "well before any timeout");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetNumRpcs(), 0, "no state left");
        Simulator::Destroy();
    }
};

/// The RPC's named transitions, client and server, and their states.
class HomaRpcStatesTest : public TestCase
{
  public:
    HomaRpcStatesTest()
        : TestCase("RPC states: client and server lives through the named transitions")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<HomaRpc> client = Create<HomaRpc>(nullptr, 2, Ipv4Address("10.0.0.2"), 80);
        NS_TEST_EXPECT_MSG_EQ(client->GetState(), HomaRpc::OUTGOING, "a client starts sending");
        client->ResponseStarted();
        NS_TEST_EXPECT_MSG_EQ(client->GetState(), HomaRpc::INCOMING, "response arriving");
        client->Restart(); // RPC_UNKNOWN from the server
        NS_TEST_EXPECT_MSG_EQ(client->GetState(), HomaRpc::OUTGOING, "request again");
        client->Restart(); // a second RPC_UNKNOWN before any response
        NS_TEST_EXPECT_MSG_EQ(client->GetState(), HomaRpc::OUTGOING, "still sending");
        NS_TEST_EXPECT_MSG_EQ(client->End(), true, "ends");
        NS_TEST_EXPECT_MSG_EQ(client->GetState(), HomaRpc::DEAD, "dead");
        NS_TEST_EXPECT_MSG_EQ(client->End(), false, "ends once");

        Ptr<HomaRpc> server = Create<HomaRpc>(nullptr, 3, Ipv4Address("10.0.0.1"), 32768);
        NS_TEST_EXPECT_MSG_EQ(server->GetClientId(), 2, "the client's id");
        NS_TEST_EXPECT_MSG_EQ(server->GetState(), HomaRpc::INCOMING, "a server starts receiving");
        server->RequestDelivered();
        NS_TEST_EXPECT_MSG_EQ(server->GetState(), HomaRpc::IN_SERVICE, "the application has it");
        server->ResponseStarting();
        NS_TEST_EXPECT_MSG_EQ(server->GetState(), HomaRpc::OUTGOING, "response being sent");
        NS_TEST_EXPECT_MSG_EQ(server->End(), true, "acked");
        NS_TEST_EXPECT_MSG_EQ(std::string(HomaRpc::StateName(server->GetState())),
                              "DEAD",
                              "state name");
    }
};

/// Packets from many (forged) source addresses: the peer table stays bounded.
class HomaPeerFloodTest : public TestCase
{
  public:
    HomaPeerFloodTest()
        : TestCase("a flood from 300 source addresses: idle peers forgotten, table bounded")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper homa;
        homa.SetAttribute("PeerGcThreshold", UintegerValue(50));
        homa.SetAttribute("PeerIdleMin", TimeValue(Time(0)));
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", homa);
        Ptr<HomaL4Protocol> h = star.Homa(0);
        Ptr<Ipv4Interface> interface =
            star.hosts.Get(0)->GetObject<Ipv4L3Protocol>()->GetInterface(1);
        size_t largest = 0;
        // 300 BUSY packets, 10 us apart (100 per 1 ms tick), each from another address.
        for (uint32_t k = 0; k < 300; ++k)
        {
            Simulator::Schedule(MicroSeconds(10 * k), [&, k]() {
                HomaCommonHeader busy;
                busy.SetType(HomaCommonHeader::BUSY);
                busy.SetSourcePort(4000);
                busy.SetDestinationPort(4000);
                busy.SetSenderId(2 * k + 2);
                Ptr<Packet> p = Create<Packet>();
                p->AddHeader(busy);
                Ipv4Header ip;
                ip.SetSource(Ipv4Address(0x0b000000 + k));
                ip.SetDestination(star.addresses[0]);
                ip.SetProtocol(HomaL4Protocol::PROT_NUMBER);
                h->Receive(p, ip, interface);
                largest = std::max(largest, h->GetPeers().GetSize());
            });
        }
        Simulator::Stop(MilliSeconds(4));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(
            h->GetMetrics().packetsRcvd[HomaCommonHeader::BUSY - HomaCommonHeader::TYPE_FIRST],
            300,
            "every packet counted");
        // Collected once per tick (1 ms) once 50 peers are known: at most 50 + 100 at once.
        NS_TEST_EXPECT_MSG_LT_OR_EQ(largest, 150, "bounded by the threshold and one tick");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(h->GetMetrics().peerEvictions, 200, "most forgotten");
        NS_TEST_EXPECT_MSG_LT(h->GetPeers().GetSize(), 100, "what is left");
        Simulator::Destroy();
    }
};

/**
 * A forged DATA packet gives the client another response length than the real server's
 * (the receive fuzzer's find): reception restarts at the real length and the RPC completes
 * byte for byte, whether the forged packet comes before the response or in its middle.
 */
class HomaForgedLengthTest : public TestCase
{
  public:
    /// \param at when the forged packet reaches the client
    /// \param restarts the message restarts expected (forged one, then the real sender's)
    HomaForgedLengthTest(Time at, uint64_t restarts)
        : TestCase("a forged DATA with another message length at " +
                   std::to_string(at.GetMicroSeconds()) + " us: the real response completes"),
          m_at(at),
          m_restarts(restarts)
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper homa;
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", homa);
        homatest::Server server(star.Homa(1), 9000);
        homatest::Client client(star.Homa(0));
        Ptr<Packet> request = homatest::MakeMessage(20000, 7);
        uint64_t id = client.Send(star.addresses[1], 9000, request);
        Ptr<Ipv4Interface> interface =
            star.hosts.Get(0)->GetObject<Ipv4L3Protocol>()->GetInterface(1);
        Simulator::Schedule(m_at, [&]() {
            HomaDataHeader h; // a 245-byte piece of a 3,616-byte response, at offset 3
            h.SetSourcePort(9000);
            h.SetDestinationPort(client.socket->GetPort());
            h.SetSenderId(id ^ 1);
            h.SetMessageLength(3616);
            h.SetIncoming(3616);
            h.SetOffset(3);
            std::vector<uint8_t> junk(245, 0xee);
            Ptr<Packet> p = Create<Packet>(junk.data(), junk.size());
            p->AddHeader(h);
            Ipv4Header ip;
            ip.SetSource(star.addresses[1]);
            ip.SetDestination(star.addresses[0]);
            ip.SetProtocol(HomaL4Protocol::PROT_NUMBER);
            star.Homa(0)->Receive(p, ip, interface);
        });
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(client.results.size(), 1, "the RPC ended");
        NS_TEST_EXPECT_MSG_EQ(client.results[0].error, HomaRpcError::NONE, "without error");
        NS_TEST_ASSERT_MSG_NE(client.results[0].response, nullptr, "with a response");
        NS_TEST_EXPECT_MSG_EQ(
            (homatest::Bytes(client.results[0].response) == homatest::Bytes(request)),
            true,
            "the real response, byte for byte");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetMetrics().messageRestarts,
                              m_restarts,
                              "reception restarted");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetNumRpcs(), 0, "no client state left");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(1)->GetNumRpcs(), 0, "no server state left");
        Simulator::Destroy();
    }

    Time m_at;           //!< arrival of the forged packet
    uint64_t m_restarts; //!< restarts expected
};

/// The homa-rpc suite.
class HomaRpcTestSuite : public TestSuite
{
  public:
    HomaRpcTestSuite()
        : TestSuite("homa-rpc", NS3_COMPAT_TEST_SYSTEM)
    {
        AddTestCase(new HomaRpcStatesTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaSizeClassesTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaManyOutstandingTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaIncastMarkTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaSocketErrorsTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaPortUnreachableTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaPeerFloodTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaForgedLengthTest(MicroSeconds(1), 1), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaForgedLengthTest(MicroSeconds(25), 2), NS3_COMPAT_TEST_QUICK);
    }
};

static HomaRpcTestSuite g_homaRpcTestSuite; //!< registers the suite
