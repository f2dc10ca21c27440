/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-srpt: receiver-driven SRPT. Completion order follows remaining size, the
// overcommitment degree bounds the granted messages, unscheduled packets use the
// receiver's cutoffs, and no DATA packet starts beyond what was granted.

#include "homa-test-util.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/homa-header.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace ns3;

namespace
{

/// Records every DATA packet a host sends and every GRANT it receives, per RPC.
struct WireLog
{
    struct Data
    {
        uint64_t rpc;     //!< client RPC id
        uint32_t offset;  //!< data offset
        uint32_t length;  //!< message length
        uint8_t priority; //!< priority used
        uint32_t granted; //!< highest grant received before it was sent
        bool retransmit;  //!< retransmission
    };

    std::vector<Data> data;               //!< DATA sent
    std::map<uint64_t, uint32_t> granted; //!< highest GRANT offset per sender id
    uint32_t violations{0};               //!< DATA sent past the granted offset

    void OnTx(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t priority)
    {
        HomaDataHeader h;
        if (!homatest::PeekData(p, h))
        {
            return;
        }
        uint32_t g = std::max(granted[h.GetSenderId()], std::min(h.GetMessageLength(), 8u * 1424u));
        data.push_back({h.GetSenderId() & ~1ULL,
                        h.GetOffset(),
                        h.GetMessageLength(),
                        priority,
                        g,
                        h.GetRetransmit()});
        // A packet may go when its first byte lies below the granted offset.
        if (h.GetOffset() >= g && !h.GetRetransmit())
        {
            ++violations;
        }
    }

    void OnRx(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t)
    {
        HomaCommonHeader c;
        p->PeekHeader(c);
        if (c.GetType() == HomaCommonHeader::GRANT)
        {
            HomaGrantHeader g;
            p->PeekHeader(g);
            uint64_t local = g.GetSenderId() ^ 1;
            granted[local] = std::max(granted[local], g.GetOffset());
        }
    }

    void Attach(Ptr<HomaL4Protocol> homa)
    {
        homa->TraceConnectWithoutContext("Tx", MakeCallback(&WireLog::OnTx, this));
        homa->TraceConnectWithoutContext("Rx", MakeCallback(&WireLog::OnRx, this));
    }
};

/// Tracks the most messages the receiver's grant scheduler kept active at once.
struct ActiveMax
{
    uint32_t max{0};

    void OnChange(uint32_t, uint32_t now)
    {
        max = std::max(max, now);
    }
};

} // namespace

/// Several senders, one receiver: completion order follows size.
class HomaSrptOrderTest : public TestCase
{
  public:
    HomaSrptOrderTest()
        : TestCase("messages competing at one receiver complete shortest first")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper helper;
        homatest::Star star = homatest::BuildStar(5, "10Gbps", "1us", helper);
        homatest::Server server(star.Homa(4), 9000, [](Ptr<Packet>) { return Create<Packet>(1); });
        std::vector<std::unique_ptr<homatest::Client>> clients;
        std::vector<WireLog> logs(4);
        const uint32_t sizes[4] = {400000, 300000, 200000, 100000};
        for (uint32_t c = 0; c < 4; ++c)
        {
            clients.push_back(std::make_unique<homatest::Client>(star.Homa(c)));
            logs[c].Attach(star.Homa(c));
            clients[c]->Send(star.addresses[4], 9000, homatest::MakeMessage(sizes[c], c));
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(server.requests.size(), 4, "all four requests arrived");
        std::vector<uint32_t> order;
        for (const auto& r : server.requests)
        {
            order.push_back(r->GetSize());
        }
        NS_TEST_EXPECT_MSG_EQ(order[0], 100000, "shortest first");
        NS_TEST_EXPECT_MSG_EQ(order[1], 200000, "then 200 kB");
        NS_TEST_EXPECT_MSG_EQ(order[2], 300000, "then 300 kB");
        NS_TEST_EXPECT_MSG_EQ(order[3], 400000, "longest last");
        // 1 MB in total over one 10 Gbps downlink: about 0.8 ms; SRPT must not waste it.
        NS_TEST_EXPECT_MSG_LT(server.requestTimes[3], MicroSeconds(1000), "downlink kept busy");
        for (uint32_t c = 0; c < 4; ++c)
        {
            NS_TEST_EXPECT_MSG_EQ(logs[c].violations,
                                  0,
                                  "client " << c << " never sent past its grant");
            NS_TEST_EXPECT_MSG_EQ((homatest::Bytes(server.requests[3 - c]) ==
                                   homatest::Bytes(homatest::MakeMessage(sizes[c], c))),
                                  true,
                                  "byte-exact");
        }
        Simulator::Destroy();
    }
};

/// The number of active (granted) messages never exceeds MaxOvercommit.
class HomaOvercommitTest : public TestCase
{
  public:
    HomaOvercommitTest()
        : TestCase("granted messages never exceed the overcommitment degree")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper helper;
        helper.SetAttribute("MaxOvercommit", UintegerValue(2));
        homatest::Star star = homatest::BuildStar(7, "10Gbps", "1us", helper);
        homatest::Server server(star.Homa(6), 9000, [](Ptr<Packet>) { return Create<Packet>(1); });
        ActiveMax active;
        star.Homa(6)->TraceConnectWithoutContext("ActiveMessages",
                                                 MakeCallback(&ActiveMax::OnChange, &active));
        std::vector<std::tuple<Time, uint32_t, uint32_t>> grants; // (when, sending host, offset)
        star.Homa(6)->TraceConnectWithoutContext(
            "Grant",
            MakeBoundCallback(
                +[](std::vector<std::tuple<Time, uint32_t, uint32_t>>* g,
                    Ipv4Address peer,
                    uint64_t,
                    uint32_t offset,
                    uint8_t) { g->emplace_back(Simulator::Now(), peer.Get(), offset); },
                &grants));
        std::vector<std::unique_ptr<homatest::Client>> clients;
        std::vector<WireLog> logs(6);
        for (uint32_t c = 0; c < 6; ++c)
        {
            clients.push_back(std::make_unique<homatest::Client>(star.Homa(c)));
            logs[c].Attach(star.Homa(c));
            clients[c]->Send(star.addresses[6], 9000, homatest::MakeMessage(150000 + 10000 * c, c));
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(server.requests.size(), 6, "all requests complete");
        NS_TEST_EXPECT_MSG_EQ(active.max, 2, "at most (and at some point exactly) 2 active");
        // Until the first message is fully granted, only the two shortest get grants.
        std::map<uint32_t, uint32_t> sizeOf;
        for (uint32_t c = 0; c < 6; ++c)
        {
            sizeOf[star.addresses[c].Get()] = 150000 + 10000 * c;
        }
        Time firstFull = Seconds(1);
        for (const auto& [t, host, offset] : grants)
        {
            if (offset == sizeOf[host])
            {
                firstFull = std::min(firstFull, t);
            }
        }
        std::set<uint32_t> early;
        for (const auto& [t, host, offset] : grants)
        {
            if (t < firstFull)
            {
                early.insert(host);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(early.size(), 2, "two senders granted before one was fully granted");
        NS_TEST_EXPECT_MSG_EQ(early.count(star.addresses[0].Get()), 1, "the shortest is one");
        NS_TEST_EXPECT_MSG_EQ(early.count(star.addresses[1].Get()), 1, "the second shortest too");
        for (uint32_t c = 0; c < 6; ++c)
        {
            NS_TEST_EXPECT_MSG_EQ(logs[c].violations, 0, "no DATA past the grant");
        }
        Simulator::Destroy();
    }
};

/**
 * Unscheduled packets use the priority that the receiver's cutoffs give their length.
 * Variant "assume": AssumePeerCutoffs on and MaxMessageLength raised to 4 MB, so the very
 * first message already uses the cutoffs (level 7 for 100 B, not Linux's level 6), and a
 * 3 MB message goes through with its unscheduled packets at the lowest unscheduled level.
 */
class HomaUnschedPriorityTest : public TestCase
{
  public:
    /// \param assume AssumePeerCutoffs and a 4 MB MaxMessageLength
    explicit HomaUnschedPriorityTest(bool assume)
        : TestCase(assume ? "AssumePeerCutoffs: the first message already follows the cutoffs; "
                            "a 3 MB message under MaxMessageLength 4 MB"
                          : "unscheduled priorities follow the receiver's cutoffs"),
          m_assume(assume)
    {
    }

  private:
    /// \param cutoffs where to record \param p a packet the server sent
    static void RecordCutoffs(std::vector<HomaCommonHeader>* cutoffs,
                              Ptr<const Packet> p,
                              Ipv4Address,
                              Ipv4Address,
                              uint8_t)
    {
        HomaCommonHeader h;
        p->PeekHeader(h);
        if (h.GetType() == HomaCommonHeader::CUTOFFS)
        {
            cutoffs->push_back(h);
        }
    }

    void DoRun() override
    {
        HomaHelper helper;
        if (m_assume)
        {
            helper.SetAttribute("AssumePeerCutoffs", BooleanValue(true));
            helper.SetAttribute("MaxMessageLength", UintegerValue(4000000));
        }
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", helper);
        homatest::Server server(star.Homa(1), 9000, [](Ptr<Packet>) { return Create<Packet>(1); });
        homatest::Client client(star.Homa(0));
        WireLog log;
        log.Attach(star.Homa(0));
        std::vector<HomaCommonHeader> cutoffs;
        star.Homa(1)->TraceConnectWithoutContext("Tx", MakeBoundCallback(&RecordCutoffs, &cutoffs));
        // A first message teaches the client the server's cutoffs (CUTOFFS packet).
        client.Send(star.addresses[1], 9000, homatest::MakeMessage(100, 0));
        std::vector<uint32_t> sizes{100, 1000, 5000, 50000, 1000000};
        std::vector<uint8_t> expected{7, 6, 5, 4, 4};
        if (m_assume)
        {
            sizes.push_back(3000000);
            expected.push_back(4);
        }
        else
        {
            // One byte over Linux's limit: refused with EMSGSIZE, nothing sent.
            NS_TEST_EXPECT_MSG_EQ(
                client.socket->SendRequest(Create<Packet>(1000001),
                                           InetSocketAddress(star.addresses[1], 9000)),
                0,
                "a 1000001-byte message is refused");
            NS_TEST_EXPECT_MSG_EQ(client.socket->GetErrno(), Socket::ERROR_MSGSIZE, "EMSGSIZE");
        }
        std::map<uint64_t, uint8_t> expect;
        std::map<uint64_t, uint32_t> length;
        Simulator::Schedule(MilliSeconds(1), [&]() {
            for (size_t k = 0; k < sizes.size(); ++k)
            {
                uint64_t id =
                    client.Send(star.addresses[1], 9000, homatest::MakeMessage(sizes[k], k));
                expect[id] = expected[k];
                length[id] = sizes[k];
            }
        });
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(client.results.size(), sizes.size() + 1, "all RPCs done");
        for (const auto& r : client.results)
        {
            NS_TEST_EXPECT_MSG_EQ((r.error == HomaRpcError::NONE), true, "RPC succeeded");
        }
        NS_TEST_EXPECT_MSG_EQ(server.requests.size(), sizes.size() + 1, "server got them all");
        std::vector<std::vector<uint8_t>> got;
        std::vector<std::vector<uint8_t>> sent;
        for (const auto& request : server.requests)
        {
            got.push_back(homatest::Bytes(request));
        }
        for (const auto& [id, request] : client.requests)
        {
            sent.push_back(homatest::Bytes(request));
        }
        std::sort(got.begin(), got.end());
        std::sort(sent.begin(), sent.end());
        NS_TEST_EXPECT_MSG_EQ((got == sent), true, "every request arrived byte-exact");
        NS_TEST_EXPECT_MSG_EQ(star.Homa(0)->GetPeers().GetSize(), 1, "one peer known");
        // One CUTOFFS, sent for the first RPC with the server's id of it (the kernel's).
        NS_TEST_ASSERT_MSG_EQ(cutoffs.size(), 1, "one CUTOFFS packet");
        NS_TEST_EXPECT_MSG_EQ(cutoffs[0].GetSenderId(), 3, "the RPC's id (client id 2, odd)");
        NS_TEST_EXPECT_MSG_EQ(cutoffs[0].GetSourcePort(), 9000, "from the server's port");
        NS_TEST_EXPECT_MSG_EQ(cutoffs[0].GetDestinationPort(),
                              client.socket->GetPort(),
                              "to the client's port");
        uint32_t checked = 0;
        uint32_t scheduled = 0;
        uint32_t fifo = 0;
        for (const auto& d : log.data)
        {
            if (d.rpc == 2)
            {
                NS_TEST_EXPECT_MSG_EQ(+d.priority,
                                      (m_assume ? 7 : 6),
                                      "before CUTOFFS: own cutoffs (assume) or level 6");
                continue;
            }
            if (d.offset < 10000) // the unscheduled packets (the first 10000 B, cut there)
            {
                NS_TEST_EXPECT_MSG_EQ(+d.priority, +expect[d.rpc], "length " << d.length);
                ++checked;
            }
            else
            {
                // Levels 0..3, or 6 for bytes of a FIFO grant (homa_high_priority).
                NS_TEST_EXPECT_MSG_EQ((d.priority <= 3 || d.priority == 6),
                                      true,
                                      "scheduled packets at levels 0..3 (FIFO: 6)");
                fifo += d.priority == 6 ? 1 : 0;
                ++scheduled;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(checked,
                              1 + 1 + 4 + 8 + 8 + (m_assume ? 8 : 0),
                              "unscheduled packets checked");
        NS_TEST_EXPECT_MSG_GT(scheduled,
                              (m_assume ? 2700 : 600),
                              "the long messages were scheduled");
        // The oldest long message's FIFO grants: a small share of the scheduled packets.
        NS_TEST_EXPECT_MSG_GT(fifo, 0u, "FIFO-granted packets at level 6");
        NS_TEST_EXPECT_MSG_LT(fifo, scheduled / 4, "a small share");
        NS_TEST_EXPECT_MSG_EQ(log.violations, 0, "no DATA past the grant");
        Simulator::Destroy();
    }

    bool m_assume; //!< variant
};

/**
 * The paper simulator's priorities. Cutoffs "0 0 0 0 0 0 1000000 1600": level 7 for up to
 * 1,600 bytes, level 6 for the rest, levels 0-5 scheduled; every host uses them from the
 * start. UnschedPriorityBy Remaining: a 3,000-byte unscheduled message leaves at level 6
 * (3,000 B left), then 7 and 7 (1,576 and 152 B left); Length: 6, 6, 6. BoostTailBytes 3004
 * (two full packets on the wire): a 20,000-byte message is granted at scheduled level 0
 * (one active message uses the lowest scheduled level) until the bytes left to grant take
 * fewer than 3,004 wire bytes, then at their unscheduled level; without the boost, level 0
 * throughout.
 */
class HomaGraduatedPriorityTest : public TestCase
{
  public:
    /// \param paper Remaining and BoostTailBytes 3004, else Linux's Length and no boost
    explicit HomaGraduatedPriorityTest(bool paper)
        : TestCase(paper ? "graduated unscheduled levels by bytes left; tail boost on grants"
                         : "Linux: unscheduled level by length; no tail boost"),
          m_paper(paper)
    {
    }

  private:
    /// A GRANT the receiver sent: offset and level.
    struct Grant
    {
        uint32_t offset;  //!< granted offset
        uint8_t priority; //!< level
    };

    static void RecordGrant(std::vector<Grant>* grants,
                            Ptr<const Packet> p,
                            Ipv4Address,
                            Ipv4Address,
                            uint8_t)
    {
        HomaCommonHeader c;
        p->PeekHeader(c);
        if (c.GetType() == HomaCommonHeader::GRANT)
        {
            HomaGrantHeader g;
            p->PeekHeader(g);
            grants->push_back({g.GetOffset(), g.GetPriority()});
        }
    }

    /// \return the DATA levels of a \p size-byte request sent alone
    std::vector<uint8_t> Run(uint32_t size, uint32_t unschedBytes, std::vector<Grant>* grants)
    {
        HomaHelper helper;
        helper.SetAttribute("UnschedCutoffs", StringValue("0 0 0 0 0 0 1000000 1600"));
        helper.SetAttribute("AssumePeerCutoffs", BooleanValue(true));
        helper.SetAttribute("UnschedBytes", UintegerValue(unschedBytes));
        // The rank's level alone: a lone message would also be the oldest, FIFO-granted.
        helper.SetAttribute("GrantFifoFraction", UintegerValue(0));
        if (m_paper)
        {
            helper.SetAttribute("UnschedPriorityBy", StringValue("Remaining"));
            helper.SetAttribute("BoostTailBytes", UintegerValue(3004));
        }
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", helper);
        homatest::Server server(star.Homa(1), 9000, [](Ptr<Packet>) { return Create<Packet>(1); });
        homatest::Client client(star.Homa(0));
        WireLog log;
        log.Attach(star.Homa(0));
        star.Homa(1)->TraceConnectWithoutContext("Tx", MakeBoundCallback(&RecordGrant, grants));
        client.Send(star.addresses[1], 9000, homatest::MakeMessage(size, 1));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(client.results.size(), 1u, "the RPC completed");
        std::vector<uint8_t> levels;
        for (const auto& d : log.data)
        {
            levels.push_back(d.priority);
        }
        Simulator::Destroy();
        return levels;
    }

    void DoRun() override
    {
        std::vector<Grant> none;
        std::vector<uint8_t> unsched = Run(3000, 10000, &none);
        std::vector<uint8_t> expected =
            m_paper ? std::vector<uint8_t>{6, 7, 7} : std::vector<uint8_t>{6, 6, 6};
        NS_TEST_EXPECT_MSG_EQ((unsched == expected), true, "levels of the three packets");
        NS_TEST_EXPECT_MSG_EQ(none.size(), 0u, "all unscheduled: no grant");

        std::vector<Grant> grants;
        std::vector<uint8_t> data = Run(20000, 2848, &grants);
        NS_TEST_ASSERT_MSG_GT(grants.size(), 0u, "grants sent");
        // Each grant's level from the bytes left to grant before it (the hand rule).
        uint32_t before = 2848;
        uint32_t boosted = 0;
        for (const Grant& g : grants)
        {
            uint32_t left = 20000 - before;
            uint32_t wire = left + (left + 1423) / 1424 * 78;
            uint8_t want = 0;
            if (m_paper && wire < 3004)
            {
                want = left <= 1600 ? 7 : 6;
                ++boosted;
            }
            NS_TEST_EXPECT_MSG_EQ(+g.priority,
                                  +want,
                                  "grant to " << g.offset << ", " << left << " B left before it");
            before = std::max(before, g.offset);
        }
        NS_TEST_EXPECT_MSG_EQ(grants.back().offset, 20000u, "granted to the end");
        NS_TEST_EXPECT_MSG_EQ(+data.back(), (m_paper ? 7 : 0), "the last packet's level");
        if (m_paper)
        {
            NS_TEST_EXPECT_MSG_GT(boosted, 0u, "the tail was boosted");
        }
    }

    bool m_paper; //!< the simulator's settings
};

/// The homa-srpt suite.
/**
 * Unscheduled bytes per peer. From a table (SetUnschedBytesFor, longest prefix): 100 kB
 * requests to two servers carry 10000 and 30000 unscheduled bytes (the first DATA packet's
 * incoming field, and the DATA sent before the first GRANT). From the measured round trip
 * (UnschedBytesFromRtt): the first request to a server uses UnschedBytes; the next one the
 * least round trip measured (handed to Homa to the first GRANT: two links of 10 Gbps and
 * 1 us each way, about 6.5 us) times the link rate.
 */
class HomaPeerUnschedTest : public TestCase
{
  public:
    HomaPeerUnschedTest()
        : TestCase("unscheduled bytes per peer: a table by prefix, the measured round trip")
    {
    }

  private:
    /// First transmissions' incoming field per (destination, RPC): the unscheduled bytes.
    static void RecordIncoming(std::map<std::pair<uint32_t, uint64_t>, uint32_t>* first,
                               Ptr<const Packet> p,
                               Ipv4Address,
                               Ipv4Address dst,
                               uint8_t)
    {
        HomaCommonHeader c;
        p->PeekHeader(c);
        if (c.GetType() == HomaCommonHeader::DATA)
        {
            HomaDataHeader d;
            p->PeekHeader(d);
            first->emplace(std::make_pair(dst.Get(), c.GetSenderId()), d.GetIncoming());
        }
    }

    void DoRun() override
    {
        // A table: host 2's /32 gets 30000; the /8 (host 1) 12000; elsewhere UnschedBytes.
        {
            HomaHelper helper;
            helper.SetAttribute("GrantFifoFraction", UintegerValue(0));
            homatest::Star star = homatest::BuildStar(3, "10Gbps", "1us", helper);
            Ipv4Address near = star.addresses[1];
            Ipv4Address far = star.addresses[2];
            Ptr<HomaL4Protocol> h0 = star.Homa(0);
            h0->SetUnschedBytesFor(far, Ipv4Mask("255.255.255.255"), 30000);
            h0->SetUnschedBytesFor(Ipv4Address("10.0.0.0"), Ipv4Mask("255.0.0.0"), 12000);
            homatest::Server s1(star.Homa(1), 9000);
            homatest::Server s2(star.Homa(2), 9000);
            homatest::Client client(h0);
            std::map<std::pair<uint32_t, uint64_t>, uint32_t> first;
            h0->TraceConnectWithoutContext("Tx", MakeBoundCallback(&RecordIncoming, &first));
            client.Send(near, 9000, Create<Packet>(100000));
            client.Send(far, 9000, Create<Packet>(100000));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(client.results.size(), 2u, "both answered");
            NS_TEST_EXPECT_MSG_EQ(h0->GetUnschedBytesFor(far), 30000u, "the /32 wins");
            NS_TEST_EXPECT_MSG_EQ(h0->GetUnschedBytesFor(near), 12000u, "the /8");
            NS_TEST_EXPECT_MSG_EQ(h0->GetUnschedBytesFor(Ipv4Address("192.168.0.1")),
                                  10000u,
                                  "no rule: UnschedBytes");
            NS_TEST_EXPECT_MSG_EQ(first[std::make_pair(near.Get(), 2)], 12000u, "sent to host 1");
            NS_TEST_EXPECT_MSG_EQ(first[std::make_pair(far.Get(), 4)], 30000u, "sent to host 2");
            Simulator::Destroy();
        }
        // The helper gives its rules to every protocol it makes.
        {
            HomaHelper helper;
            helper.SetUnschedBytesFor(Ipv4Address("10.1.0.0"), Ipv4Mask("255.255.0.0"), 25000);
            Ptr<HomaL4Protocol> h = helper.CreateProtocol();
            NS_TEST_EXPECT_MSG_EQ(h->GetUnschedBytesFor(Ipv4Address("10.1.3.2")), 25000u, "rack");
            NS_TEST_EXPECT_MSG_EQ(h->GetUnschedBytesFor(Ipv4Address("10.2.0.2")), 10000u, "other");
        }
        // The measured round trip.
        {
            HomaHelper helper;
            helper.SetAttribute("UnschedBytesFromRtt", BooleanValue(true));
            helper.SetAttribute("LinkRate", DataRateValue(DataRate("10Gbps")));
            homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", helper);
            homatest::Server server(star.Homa(1), 9000);
            homatest::Client client(star.Homa(0));
            std::map<std::pair<uint32_t, uint64_t>, uint32_t> first;
            star.Homa(0)->TraceConnectWithoutContext("Tx",
                                                     MakeBoundCallback(&RecordIncoming, &first));
            client.Send(star.addresses[1], 9000, Create<Packet>(100000));
            Simulator::Schedule(MilliSeconds(1), [&]() {
                client.Send(star.addresses[1], 9000, Create<Packet>(100000));
            });
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(client.results.size(), 2u, "both answered");
            // 6-7 us (two links each way, a full packet out, a GRANT back) at 10 Gbps. The
            // second message used the first one's sample (ARP made it the longer); its own
            // sample may have lowered the least since.
            uint32_t least = star.Homa(0)->GetUnschedBytesFor(star.addresses[1]);
            uint32_t second = first[std::make_pair(star.addresses[1].Get(), 4)];
            NS_TEST_EXPECT_MSG_EQ(first[std::make_pair(star.addresses[1].Get(), 2)],
                                  10000u,
                                  "not yet measured: UnschedBytes");
            NS_TEST_EXPECT_MSG_GT(second, 7500u, "more than 6 us of the link");
            NS_TEST_EXPECT_MSG_LT(second, 8750u, "less than 7 us");
            NS_TEST_EXPECT_MSG_GT(least, 7500u, "the least: more than 6 us");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(least, second, "the least round trip only falls");
            Simulator::Destroy();
        }
    }
};

class HomaSrptTestSuite : public TestSuite
{
  public:
    HomaSrptTestSuite()
        : TestSuite("homa-srpt", NS3_COMPAT_TEST_SYSTEM)
    {
        AddTestCase(new HomaSrptOrderTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaOvercommitTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaUnschedPriorityTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaUnschedPriorityTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGraduatedPriorityTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGraduatedPriorityTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaPeerUnschedTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaSrptTestSuite g_homaSrptTestSuite; //!< registers the suite
