/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-experiment: the experiment library. Each MessageTransport (Homa, TCP, DCTCP, UDP)
// delivers every message handed to Send and reports it on Delivered with the hosts, size and
// the id Send returned; MessageExperiment draws the same schedule for every transport,
// matches every delivery to its message, counts the bytes tenth by tenth, and no Homa
// message beats its ideal time.

#include "homa-test-util.h"

#include "ns3/boolean.h"
#include "ns3/homa-app-helper.h"
#include "ns3/homa-client.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-message-trace.h"
#include "ns3/homa-message-transport.h"
#include "ns3/inet-socket-address.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/message-experiment.h"
#include "ns3/message-workload.h"
#include "ns3/node-list.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-message-transport.h"
#include "ns3/test.h"
#include "ns3/udp-message-transport.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

using namespace ns3;

namespace
{

/// \param name homa, tcp, dctcp or udp \return a new transport of that kind
Ptr<MessageTransport>
MakeTransport(const std::string& name)
{
    if (name == "homa")
    {
        return CreateObject<HomaMessageTransport>();
    }
    if (name == "udp")
    {
        return CreateObject<UdpMessageTransport>();
    }
    Ptr<TcpMessageTransport> tcp = CreateObject<TcpMessageTransport>();
    tcp->SetAttribute("Dctcp", BooleanValue(name == "dctcp"));
    tcp->SetAttribute("QueueDiscs", BooleanValue(name == "dctcp"));
    return tcp;
}

/// A 2-rack fabric of 2 hosts each, 2 spines.
void
SmallFabric(LeafSpineHelper& fabric)
{
    fabric.SetRacks(2);
    fabric.SetHostsPerRack(2);
    fabric.SetSpines(2);
}

} // namespace

/**
 * A transport used directly: messages of 1, 5000 and 100000 bytes within a rack and across
 * racks are delivered once each, with the hosts, size and id that Send returned; the bytes
 * received add up to the message bytes (no loss: nothing resent).
 */
class HomaExperimentTransportTest : public TestCase
{
  public:
    /// \param name the transport
    HomaExperimentTransportTest(const std::string& name)
        : TestCase("transport " + name + ": Send, Delivered, bytes received"),
          m_name(name)
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric;
        SmallFabric(fabric);
        Ptr<MessageTransport> t = MakeTransport(m_name);
        t->ConfigureFabric(fabric);
        fabric.Install();
        fabric.AssignStreams(5);
        t->Install(fabric.GetHosts());
        NS_TEST_ASSERT_MSG_EQ(t->GetName(), m_name, "its name");
        NS_TEST_ASSERT_MSG_EQ(t->GetAddress(3), fabric.GetHostAddress(3), "host addresses");
        NS_TEST_ASSERT_MSG_EQ(t->GetHost(fabric.GetHostAddress(2)), 2u, "and back");
        t->TraceConnectWithoutContext("Delivered",
                                      MakeCallback(&HomaExperimentTransportTest::Delivered, this));

        struct Msg
        {
            uint32_t src;
            uint32_t dst;
            uint32_t size;
        };

        std::vector<Msg> msgs{{0, 1, 1}, {0, 3, 5000}, {2, 1, 100000}, {0, 3, 1}};
        for (const Msg& m : msgs)
        {
            t->Expect(m.src, m.dst, m.size);
        }
        Simulator::Schedule(MicroSeconds(10), [&]() {
            for (const Msg& m : msgs)
            {
                uint64_t id = t->Send(m.src, m.dst, m.size);
                NS_TEST_EXPECT_MSG_NE(id, 0u, "an id");
                m_sent.push_back({m.src, m.dst, id, m.size});
            }
        });
        Simulator::Stop(MilliSeconds(20));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_delivered.size(), msgs.size(), "every message delivered once");
        uint64_t bytes = 0;
        for (const auto& s : m_sent)
        {
            bytes += s[3];
            auto match =
                std::count_if(m_delivered.begin(), m_delivered.end(), [&s](const MessageRecord& r) {
                    return r.src == s[0] && r.dst == s[1] && r.id == s[2];
                });
            NS_TEST_EXPECT_MSG_EQ(match, 1, "delivered once, with its hosts and id");
        }
        for (const MessageRecord& r : m_delivered)
        {
            NS_TEST_EXPECT_MSG_GT(r.end, MicroSeconds(10), "an end time after the send");
            if (m_name != "udp") // UDP's receiver knows only the pair's count
            {
                bool sized = false;
                for (const auto& s : m_sent)
                {
                    sized |= s[0] == r.src && s[2] == r.id && s[3] == r.size;
                }
                NS_TEST_EXPECT_MSG_EQ(sized, true, "the message's size");
            }
        }
        if (m_name == "homa")
        {
            // The requests, and a 1-byte response to each.
            NS_TEST_EXPECT_MSG_EQ(t->GetBytesReceived(),
                                  bytes + msgs.size(),
                                  "payload bytes, none resent");
        }
        else if (m_name == "udp")
        {
            NS_TEST_EXPECT_MSG_EQ(t->GetBytesReceived(), bytes, "payload bytes");
        }
        else
        {
            // TCP frames each message with a 20-byte header.
            NS_TEST_EXPECT_MSG_EQ(t->GetBytesReceived(), bytes + 20 * msgs.size(), "framed");
            NS_TEST_EXPECT_MSG_EQ(t->GetBacklog(), 0u, "nothing left at the senders");
            // 0->1, 2->1, and 0->3 twice: its second message finds the first connection busy.
            NS_TEST_EXPECT_MSG_EQ(t->GetConnectionsOpened().first, 4u, "connections opened");
            NS_TEST_EXPECT_MSG_EQ(t->GetConnectionsOpened().second, 3u, "host 0 opened three");
        }
        if (m_name == "udp")
        {
            // 100000 B: 68 datagrams of 1472 B or less; 5000 B: 4; 1 B: 1 each.
            NS_TEST_EXPECT_MSG_EQ(t->GetPacketsReceived(), 68u + 4 + 1 + 1, "datagrams");
        }
        Simulator::Destroy();
    }

    /// \param r a delivered message
    void Delivered(const MessageRecord& r)
    {
        m_delivered.push_back(r);
    }

    std::string m_name;                          //!< the transport
    std::vector<MessageRecord> m_delivered;      //!< what Delivered reported
    std::vector<std::array<uint64_t, 4>> m_sent; //!< (src, dst, id, size) of each Send
};

/**
 * MessageExperiment over each transport on the same fabric, W3 at 30 % for 0.2 ms: the same
 * schedule every time; every message delivered and matched to its send; the tenths' bytes add
 * up to the bytes received in the window; no Homa message faster than its ideal time.
 */
class HomaExperimentRunTest : public TestCase
{
  public:
    HomaExperimentRunTest()
        : TestCase("MessageExperiment: one schedule for every transport, all delivered")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<MessageRecord> first;
        for (std::string name : {"homa", "tcp", "dctcp", "udp"})
        {
            LeafSpineHelper fabric;
            SmallFabric(fabric);
            MessageExperiment exp(fabric, MakeTransport(name));
            exp.SetWorkload(MessageWorkload::Load("W3"));
            exp.SetLoad(0.3);
            exp.SetWindow(MicroSeconds(200));
            exp.Setup();
            Simulator::Stop(MilliSeconds(30));
            Simulator::Run();
            exp.Finish();
            const std::vector<MessageRecord>& msgs = exp.GetMessages();
            NS_TEST_ASSERT_MSG_GT(msgs.size(), 20u, name << ": a few dozen messages");
            if (first.empty())
            {
                first = msgs;
            }
            NS_TEST_ASSERT_MSG_EQ(msgs.size(), first.size(), name << ": the same schedule");
            uint64_t bytes = 0;
            uint64_t late = 0;
            for (size_t i = 0; i < msgs.size(); ++i)
            {
                const MessageRecord& m = msgs[i];
                NS_TEST_EXPECT_MSG_EQ((m.src == first[i].src && m.dst == first[i].dst &&
                                       m.size == first[i].size && m.start == first[i].start),
                                      true,
                                      name << ": message " << i << " as drawn");
                NS_TEST_EXPECT_MSG_NE(m.id, 0u, name << ": sent");
                NS_TEST_EXPECT_MSG_GT_OR_EQ(m.end, m.start, name << ": delivered after start");
                bytes += m.size;
                late += m.start >= MicroSeconds(100) ? m.size : 0;
            }
            NS_TEST_EXPECT_MSG_EQ(exp.GetOfferedBytes(), late, name << ": second half's bytes");
            std::vector<std::array<uint64_t, 3>> tenths = exp.GetTenths();
            uint64_t created = 0;
            for (const auto& t : tenths)
            {
                created += t[1];
            }
            NS_TEST_EXPECT_MSG_EQ(created, bytes, name << ": every message in one tenth");
            if (name == "homa" || name == "udp")
            {
                uint64_t delivered = 0;
                for (const auto& t : tenths)
                {
                    delivered += t[0];
                }
                NS_TEST_EXPECT_MSG_LT_OR_EQ(delivered, bytes, name << ": within the window");
                NS_TEST_EXPECT_MSG_GT(exp.GetPacketsReceived(), 0u, name << ": counted");
            }
            if (name != "udp")
            {
                std::vector<double> slowdown =
                    exp.GetSlowdowns(exp.GetIdealTimes(MessageStats::PIPELINED));
                double least = *std::min_element(slowdown.begin(), slowdown.end());
                if (name == "homa")
                {
                    NS_TEST_EXPECT_MSG_GT_OR_EQ(least, 1 - 1e-9, "no message beats its ideal");
                    NS_TEST_EXPECT_MSG_LT(least, 1 + 1e-9, "a lone Homa message is ideal");
                }
                else
                {
                    // The ideal time is Homa's packetization (78 B of headers per 1424 B);
                    // TCP's segments carry 54 B per 1448 B, at most 1.6 % less on the wire.
                    NS_TEST_EXPECT_MSG_GT_OR_EQ(least, 0.984, name << ": near its ideal at best");
                }
            }
            Simulator::Destroy();
        }
    }
};

/**
 * MessageExperiment on a fabric whose switches share their buffers: it watches every
 * switch's buffer; the pool peak is the largest switch's, the window's p99 is at most it,
 * and no buffer holds anything once the run has drained.
 */
class HomaExperimentSharedBufferTest : public TestCase
{
  public:
    HomaExperimentSharedBufferTest()
        : TestCase("MessageExperiment: the switches' shared buffers, peak and p99")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric;
        SmallFabric(fabric);
        fabric.SetSharedBuffer("ns3::SharedBuffer", "Size", UintegerValue(2000000));
        MessageExperiment exp(fabric, MakeTransport("homa"));
        exp.SetWorkload(MessageWorkload::Load("W4"));
        exp.SetLoad(0.8);
        exp.SetWindow(MicroSeconds(500));
        exp.Setup();
        Simulator::Stop(MilliSeconds(100));
        Simulator::Run();
        exp.Finish();
        const auto& buffers = exp.GetSwitchBuffers();
        NS_TEST_ASSERT_MSG_EQ(buffers.size(), 4u, "two ToRs and two spines");
        uint64_t peak = 0;
        for (const auto& b : buffers)
        {
            peak = std::max(peak, b.peak);
            NS_TEST_EXPECT_MSG_LT_OR_EQ(b.p99, b.peak + 1500, "p99 within its bin of the peak");
            NS_TEST_EXPECT_MSG_EQ(
                LeafSpineHelper::GetSharedBuffer(NodeList::GetNode(b.node))->GetOccupancy(),
                0u,
                "drained");
        }
        NS_TEST_EXPECT_MSG_EQ(exp.GetPoolPeak(), peak, "the largest switch's peak");
        NS_TEST_EXPECT_MSG_GT(peak, 0u, "something queued at 80 % load");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(peak, 2000000u, "within the pool");
        NS_TEST_EXPECT_MSG_EQ(exp.GetPoolDrops(), 0u, "nothing refused by a 2 MB pool");
        for (const MessageRecord& m : exp.GetMessages())
        {
            NS_TEST_EXPECT_MSG_GT_OR_EQ(m.end, m.start, "every message delivered");
        }
        Simulator::Destroy();
    }
};

/// The homa-experiment suite.
/**
 * HomaMessageTrace on two hosts: RPCs of 20,000 and 100 bytes in turn (5,000 unscheduled bytes,
 * 1-byte responses), lengths 10,000 to 30,000 traced: only the 20,000-byte requests appear,
 * each with its begin and end, 15 DATA packets sent, on the wire and received (4 unscheduled
 * from 0 to 5,000, the last cut short, then 11 from 5,000 on, 1424 bytes apart) at the right hosts,
 * in time order over the two 1-us links, and grants up to the whole message, as many received as
 * sent.
 */
class HomaMessageTraceTest : public TestCase
{
  public:
    HomaMessageTraceTest()
        : TestCase("HomaMessageTrace: every packet of the traced messages, and only theirs")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper homa;
        homa.SetAttribute("UnschedBytes", UintegerValue(5000));
        homatest::Star star = homatest::BuildStar(2, "10Gbps", "1us", homa);
        HomaServerHelper serverHelper(9000);
        serverHelper.SetAttribute("ResponseSize", UintegerValue(1));
        ApplicationContainer serverApps = serverHelper.Install(star.hosts.Get(1));
        Ptr<HomaClient> client = CreateObject<HomaClient>();
        client->AddServer(InetSocketAddress(star.addresses[1], 9000));
        client->SetMessageSizes({20000, 100});
        client->SetAttribute("MaxRpcs", UintegerValue(4));
        client->SetAttribute("MaxOutstanding", UintegerValue(1));
        client->SetAttribute("Interval", StringValue("ns3::ConstantRandomVariable[Constant=0]"));
        star.hosts.Get(0)->AddApplication(client);
        std::string file = CreateTempDirFilename("homa-message-trace.csv");
        uint64_t rows = 0;
        {
            HomaMessageTrace trace(file, 10000, 30000);
            trace.Install(star.hosts);
            serverApps.Start(Seconds(0));
            client->SetStartTime(MicroSeconds(10));
            Simulator::Stop(Seconds(1));
            Simulator::Run();
            rows = trace.GetRows();
            Simulator::Destroy();
        }
        NS_TEST_ASSERT_MSG_EQ(client->GetRecords().size(), 4, "four RPCs");
        std::ifstream in(file);
        std::string line;
        std::getline(in, line);
        NS_TEST_ASSERT_MSG_EQ(line,
                              "time_ns,node,event,type,client,rpc_id,request,offset,bytes,priority",
                              "the header");
        uint32_t sender = star.hosts.Get(0)->GetId();
        uint32_t receiver = star.hosts.Get(1)->GetId();

        // Per traced message: events by kind, DATA times by offset, the highest grant.
        struct Message
        {
            std::map<std::string, uint32_t> count;
            std::map<std::string, uint64_t> bytes;
            std::map<uint32_t, std::map<std::string, int64_t>> data;
            uint32_t granted{0};
            int64_t begin{-1};
            int64_t end{-1};
        };

        std::map<std::string, Message> messages;
        uint64_t read = 0;
        while (std::getline(in, line))
        {
            ++read;
            std::vector<std::string> f;
            std::istringstream fields(line);
            for (std::string x; std::getline(fields, x, ',');)
            {
                f.push_back(x);
            }
            NS_TEST_ASSERT_MSG_EQ(f.size(), 10, "ten fields: " << line);
            NS_TEST_EXPECT_MSG_EQ(f[4], "10.1.1.1", "the client");
            NS_TEST_EXPECT_MSG_EQ(f[6], "1", "requests only");
            Message& m = messages[f[5]];
            int64_t t = std::stoll(f[0]);
            uint32_t node = std::stoul(f[1]);
            std::string kind = f[2] + f[3];
            ++m.count[kind];
            m.bytes[kind] += std::stoul(f[8]);
            bool atSender = f[2] == "begin" || (f[3] == "DATA" && f[2] != "rx") ||
                            (f[3] == "GRANT" && f[2] == "rx");
            NS_TEST_EXPECT_MSG_EQ(node, (atSender ? sender : receiver), "host of " << line);
            if (f[3] == "DATA")
            {
                m.data[std::stoul(f[7])][f[2]] = t;
            }
            else if (kind == "txGRANT")
            {
                m.granted = std::max<uint32_t>(m.granted, std::stoul(f[7]));
            }
            else if (f[2] == "begin")
            {
                m.begin = t;
            }
            else if (f[2] == "end")
            {
                m.end = t;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(read, rows, "GetRows counts the rows");
        NS_TEST_ASSERT_MSG_EQ(messages.size(), 2, "the two 20,000-byte requests");
        for (const auto& [id, m] : messages)
        {
            NS_TEST_EXPECT_MSG_EQ(m.count.at("begin"), 1, "one begin, RPC " << id);
            NS_TEST_EXPECT_MSG_EQ(m.count.at("end"), 1, "one end");
            NS_TEST_EXPECT_MSG_EQ(m.bytes.at("begin"), 20000, "the length at the begin");
            for (const char* kind : {"txDATA", "wireDATA", "rxDATA"})
            {
                NS_TEST_EXPECT_MSG_EQ(m.count.at(kind), 15, kind << " packets, RPC " << id);
                NS_TEST_EXPECT_MSG_EQ(m.bytes.at(kind), 20000, kind << " bytes");
            }
            NS_TEST_EXPECT_MSG_GT(m.count.at("txGRANT"), 0, "grants");
            NS_TEST_EXPECT_MSG_EQ(m.count.at("rxGRANT"), m.count.at("txGRANT"), "all arrive");
            NS_TEST_EXPECT_MSG_EQ(m.granted, 20000, "granted to the end");
            NS_TEST_ASSERT_MSG_EQ(m.data.size(), 15, "15 offsets");
            int64_t lastRx = 0;
            uint32_t offset = 0;
            for (const auto& [at, times] : m.data)
            {
                NS_TEST_EXPECT_MSG_EQ(at, offset, "offsets on the grid");
                offset = offset + 1424 > 5000 && offset < 5000 ? 5000 : offset + 1424;
                NS_TEST_EXPECT_MSG_GT_OR_EQ(times.at("tx"), m.begin, "sent after the begin");
                NS_TEST_EXPECT_MSG_GT_OR_EQ(times.at("wire"), times.at("tx"), "NIC after IP");
                // Two 1-us links and at least the packet's time on the second one.
                NS_TEST_EXPECT_MSG_GT(times.at("rx") - times.at("wire"), 2000, "two links");
                lastRx = std::max(lastRx, times.at("rx"));
            }
            NS_TEST_EXPECT_MSG_EQ(m.end, lastRx, "the end is the last DATA's arrival");
        }
    }
};

class HomaExperimentTestSuite : public TestSuite
{
  public:
    HomaExperimentTestSuite()
        : TestSuite("homa-experiment", NS3_COMPAT_TEST_SYSTEM)
    {
        for (const char* name : {"homa", "tcp", "dctcp", "udp"})
        {
            AddTestCase(new HomaExperimentTransportTest(name), NS3_COMPAT_TEST_QUICK);
        }
        AddTestCase(new HomaExperimentRunTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaExperimentSharedBufferTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaMessageTraceTest, NS3_COMPAT_TEST_QUICK);
    }
};

/// The suite's one instance.
static HomaExperimentTestSuite g_homaExperimentTestSuite;
