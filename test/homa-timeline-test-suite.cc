/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-timeline: DownlinkTimeline against the run's own records. On a small leaf-spine fabric
// at W3 80 %, over Homa (device queues, queue discs, a shared pool), TCP and DCTCP, host 0's
// timeline is checked against what the experiment delivered (every message once, its bytes
// adding up to its size, inside its lifetime) and against the traces it summarizes, logged
// here on their own: the port queue's bytes (queue disc plus device queue), the switch pool,
// Homa's granted-but-not-received bytes and active messages, each interval's end value and
// peak equal to what the trace said. A window records the same intervals as a full timeline,
// and the CSV files and the plot script hold what the timeline does.

#include "ns3/boolean.h"
#include "ns3/channel.h"
#include "ns3/downlink-timeline.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/homa-message-transport.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/message-experiment.h"
#include "ns3/message-workload.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/shared-buffer.h"
#include "ns3/simulator.h"
#include "ns3/tcp-message-transport.h"
#include "ns3/test.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

using namespace ns3;

namespace
{

/// A traced value's changes, in order.
struct ValueLog
{
    std::vector<std::pair<Time, uint64_t>> changes; //!< (when, the new value)

    /// Record a change. \param now the new value
    void Add(uint64_t now)
    {
        changes.emplace_back(Simulator::Now(), now);
    }

    /// uint32_t traced value sink. \param now the new value
    void Changed32(uint32_t, uint32_t now)
    {
        Add(now);
    }

    /// uint64_t traced value sink. \param now the new value
    void Changed64(uint64_t, uint64_t now)
    {
        Add(now);
    }

    /**
     * \param start an interval's start \param end its end
     * \return the value at its end and the most it held in it
     */
    std::pair<uint64_t, uint64_t> Over(Time start, Time end) const
    {
        uint64_t value = 0;
        uint64_t peak = 0;
        for (const auto& [t, v] : changes)
        {
            if (t >= end)
            {
                break;
            }
            value = v;
            peak = t < start ? v : std::max(peak, v);
        }
        return {value, peak};
    }
};

/// The port queue's bytes: its queue disc's and its device queue's, added up.
struct QueueLog
{
    uint64_t disc{0};   //!< queue disc bytes
    uint64_t device{0}; //!< device queue bytes
    ValueLog total;     //!< their sum after each change

    /// Queue disc BytesInQueue. \param now its bytes
    void Disc(uint32_t, uint32_t now)
    {
        disc = now;
        total.Add(disc + device);
    }

    /// Device queue BytesInQueue. \param now its bytes
    void Device(uint32_t, uint32_t now)
    {
        device = now;
        total.Add(disc + device);
    }
};

/**
 * \param name homa, homa-discs, homa-pool, tcp or dctcp
 * \param workload the sizes it will carry
 * \return its transport
 */
Ptr<MessageTransport>
MakeTransport(const std::string& name, const MessageWorkload& workload)
{
    if (name.rfind("homa", 0) == 0)
    {
        HomaHelper homa; // W3's largest messages are longer than Linux's 1 MB limit
        homa.SetAttribute("MaxMessageLength",
                          UintegerValue(static_cast<uint32_t>(workload.GetPoints().back().first)));
        Ptr<HomaMessageTransport> t =
            CreateObjectWithAttributes<HomaMessageTransport>("QueueDiscs",
                                                             BooleanValue(name == "homa-discs"));
        t->SetHomaHelper(homa);
        return t;
    }
    return CreateObjectWithAttributes<TcpMessageTransport>("Dctcp",
                                                           BooleanValue(name == "dctcp"),
                                                           "QueueDiscs",
                                                           BooleanValue(name == "dctcp"));
}

/// \param fabric the fabric \param host a host \return the ToR port that sends to it
Ptr<NetDevice>
PortTo(const LeafSpineHelper& fabric, uint32_t host)
{
    Ptr<NetDevice> nic = fabric.GetHosts().Get(host)->GetDevice(1);
    Ptr<Channel> wire = nic->GetChannel();
    return wire->GetDevice(0) == nic ? wire->GetDevice(1) : wire->GetDevice(0);
}

/// Every line of a file. \param name the file \return its lines
std::vector<std::string>
Lines(const std::string& name)
{
    std::ifstream in(name);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
    {
        lines.push_back(line);
    }
    return lines;
}

} // namespace

/**
 * \ingroup homa-tests
 * Host 0's timeline at W3 80 % over one transport, against the experiment's deliveries and
 * the traces it summarizes.
 */
class HomaTimelineRecordsTest : public TestCase
{
  public:
    /// \param name homa, homa-discs, homa-pool, tcp or dctcp
    HomaTimelineRecordsTest(const std::string& name)
        : TestCase("timeline " + name + ": messages, queue, pool and grants as the run had them"),
          m_name(name)
    {
    }

  private:
    void DoRun() override
    {
        const Time interval = MicroSeconds(10);
        LeafSpineHelper fabric;
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(4);
        fabric.SetSpines(2);
        if (m_name == "homa-pool")
        {
            fabric.SetSharedBuffer("ns3::SharedBuffer", "Size", UintegerValue(2000000));
        }
        MessageWorkload workload = MessageWorkload::Load("W3");
        MessageExperiment exp(fabric, MakeTransport(m_name, workload));
        exp.SetWorkload(workload);
        exp.SetLoad(0.8);
        exp.SetWindow(MilliSeconds(2));
        exp.Setup();

        DownlinkTimeline timeline(interval);
        timeline.WatchHost(fabric, 0);
        DownlinkTimeline window(interval);
        window.SetWindow(MicroSeconds(200), MicroSeconds(405));
        window.WatchHost(fabric, 0);

        // The same traces, logged here on their own.
        Ptr<NetDevice> port = PortTo(fabric, 0);
        QueueLog queue;
        Ptr<QueueDisc> disc =
            port->GetNode()->GetObject<TrafficControlLayer>()
                ? port->GetNode()->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(port)
                : nullptr;
        bool discs = m_name == "homa-discs" || m_name == "dctcp";
        NS_TEST_ASSERT_MSG_EQ(bool(disc), discs, "queue discs where the transport puts them");
        if (disc)
        {
            disc->TraceConnectWithoutContext("BytesInQueue", MakeCallback(&QueueLog::Disc, &queue));
        }
        LeafSpineHelper::DeviceQueue(port)->TraceConnectWithoutContext(
            "BytesInQueue",
            MakeCallback(&QueueLog::Device, &queue));
        ValueLog pool;
        Ptr<SharedBuffer> buffer = LeafSpineHelper::GetSharedBuffer(port->GetNode());
        bool pooled = m_name == "homa-pool";
        NS_TEST_ASSERT_MSG_EQ(bool(buffer), pooled, "a pool in homa-pool only");
        if (buffer)
        {
            buffer->TraceConnectWithoutContext("Occupancy",
                                               MakeCallback(&ValueLog::Changed64, &pool));
        }
        ValueLog incoming;
        ValueLog active;
        Ptr<HomaL4Protocol> homa = fabric.GetHosts().Get(0)->GetObject<HomaL4Protocol>();
        if (homa)
        {
            homa->TraceConnectWithoutContext("TotalIncoming",
                                             MakeCallback(&ValueLog::Changed64, &incoming));
            homa->TraceConnectWithoutContext("ActiveMessages",
                                             MakeCallback(&ValueLog::Changed32, &active));
        }

        Simulator::Stop(MilliSeconds(50));
        Simulator::Run();
        Time end = Simulator::Now();
        timeline.Finish(end);
        window.Finish(end);
        exp.Finish();

        // Intervals: back to back from 0 to the end.
        const auto& intervals = timeline.GetIntervals();
        auto expected = static_cast<size_t>((end.GetTimeStep() + interval.GetTimeStep() - 1) /
                                            interval.GetTimeStep());
        NS_TEST_ASSERT_MSG_EQ(intervals.size(), expected, "one interval per 10 us of the run");
        for (size_t k = 0; k < intervals.size(); ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(intervals[k].start, interval * k, "interval " << k);
        }
        NS_TEST_EXPECT_MSG_EQ(timeline.HasHoma(), bool(homa), "Homa followed where it runs");
        NS_TEST_EXPECT_MSG_EQ(timeline.GetRate(), fabric.GetHostRate(), "the port's rate");

        CheckMessages(exp, fabric, timeline);
        CheckTraces(timeline, queue.total, pool, incoming, active);
        if (m_name == "tcp" || m_name == "dctcp")
        {
            // TCP's packets travel at level 0 (the ECN bits aside).
            for (const auto& i : intervals)
            {
                NS_TEST_EXPECT_MSG_EQ(i.queue[0],
                                      std::accumulate(i.queue.begin(), i.queue.end(), 0ULL),
                                      "TCP at level 0");
            }
        }
        else
        {
            // Homa's scheduled and unscheduled levels both show up in the queue.
            std::set<uint32_t> levels;
            for (const auto& i : intervals)
            {
                for (uint32_t l = 0; l < DownlinkTimeline::NUM_LEVELS; ++l)
                {
                    if (i.queue[l] > 0)
                    {
                        levels.insert(l);
                    }
                }
            }
            NS_TEST_EXPECT_MSG_GT(levels.size(), 3u, "several levels queued");
        }

        // The window: the same intervals from 200 us to 405 us (the last one 5 us long).
        const auto& part = window.GetIntervals();
        NS_TEST_ASSERT_MSG_EQ(part.size(), 21u, "20 whole intervals and a 5 us one");
        for (size_t k = 0; k < part.size(); ++k)
        {
            const auto& a = part[k];
            const auto& b = intervals[20 + k];
            NS_TEST_EXPECT_MSG_EQ(a.start, b.start, "window interval " << k);
            if (k + 1 == part.size())
            {
                break; // it ends at 405 us, the full timeline's at 410 us
            }
            bool same = a.queue == b.queue && a.pool == b.pool && a.incoming == b.incoming &&
                        a.active == b.active && a.queuePeak == b.queuePeak &&
                        a.poolPeak == b.poolPeak && a.incomingPeak == b.incomingPeak &&
                        a.rxBytes == b.rxBytes && a.messages == b.messages;
            NS_TEST_EXPECT_MSG_EQ(same, true, "window interval " << k << " as the full one");
        }
        uint64_t windowBytes = 0;
        for (const auto& m : window.GetMessages())
        {
            NS_TEST_EXPECT_MSG_GT_OR_EQ(m.first, MicroSeconds(200), "first byte in the window");
            NS_TEST_EXPECT_MSG_LT(m.last, MicroSeconds(405), "last byte in the window");
            windowBytes += m.bytes;
        }
        uint64_t fullBytes = 0;
        for (const auto& s : timeline.GetShares())
        {
            fullBytes += s.interval >= 20 && s.interval < 40 ? s.bytes : 0;
        }
        uint64_t partBytes = 0;
        for (const auto& s : window.GetShares())
        {
            partBytes += s.interval < 20 ? s.bytes : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(partBytes, fullBytes, "the window's bytes as the full timeline's");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(windowBytes, partBytes, "messages hold the window's bytes");

        CheckFiles(timeline);
        Simulator::Destroy();
    }

    /// Every message delivered to host 0 (and, for Homa, every response to host 0's
    /// requests) is in the timeline once, with its size and within its lifetime.
    void CheckMessages(const MessageExperiment& exp,
                       const LeafSpineHelper& fabric,
                       const DownlinkTimeline& timeline)
    {
        const auto& messages = timeline.GetMessages();
        const auto& shares = timeline.GetShares();
        const auto& intervals = timeline.GetIntervals();
        bool isHoma = timeline.HasHoma();
        // Shares add up to each message's bytes and each interval's count; no interval
        // carries more than the link can.
        std::vector<uint64_t> perMessage(messages.size(), 0);
        std::vector<uint32_t> perInterval(intervals.size(), 0);
        std::vector<uint64_t> payload(intervals.size(), 0);
        for (size_t k = 0; k < shares.size(); ++k)
        {
            const auto& s = shares[k];
            NS_TEST_ASSERT_MSG_LT(s.message, messages.size(), "a known message");
            NS_TEST_ASSERT_MSG_LT(s.interval, intervals.size(), "a known interval");
            NS_TEST_EXPECT_MSG_EQ((k == 0 || shares[k - 1].interval <= s.interval),
                                  true,
                                  "shares by interval");
            perMessage[s.message] += s.bytes;
            perInterval[s.interval]++;
            payload[s.interval] += s.bytes;
        }
        double capacity =
            fabric.GetHostRate().GetBitRate() * timeline.GetInterval().GetSeconds() / 8;
        for (size_t i = 0; i < intervals.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(intervals[i].messages, perInterval[i], "messages " << i);
            NS_TEST_EXPECT_MSG_LT_OR_EQ(payload[i], intervals[i].rxBytes, "payload in IP");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(intervals[i].rxBytes,
                                        capacity + 1600,
                                        "no more than the link carries, interval " << i);
        }
        for (size_t k = 0; k < messages.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(perMessage[k], messages[k].bytes, "shares of message " << k);
            NS_TEST_EXPECT_MSG_EQ((k == 0 || messages[k - 1].first <= messages[k].first),
                                  true,
                                  "messages by first byte");
        }

        // What the experiment delivered to host 0, by sender: (size, start, end) of each.
        std::map<uint32_t, std::multiset<uint32_t>> expect;   // address -> sizes
        std::map<uint32_t, uint64_t> expectBytes;             // address -> stream bytes (TCP)
        std::map<std::pair<uint32_t, uint32_t>, Time> latest; // (address, size) -> last end
        uint32_t delivered = 0;
        for (const MessageRecord& r : exp.GetMessages())
        {
            NS_TEST_ASSERT_MSG_GT_OR_EQ(r.end, r.start, "every message delivered");
            if (r.dst == 0)
            {
                uint32_t from = fabric.GetHostAddress(r.src).Get();
                expect[from].insert(r.size);
                expectBytes[from] += r.size + 20; // TCP frames each message with 20 bytes
                Time& t = latest[{from, r.size}];
                t = std::max(t, r.end);
                ++delivered;
            }
            if (isHoma && r.src == 0)
            {
                expect[fabric.GetHostAddress(r.dst).Get()].insert(1); // the 1-byte response
            }
        }
        NS_TEST_ASSERT_MSG_GT(delivered, 100u, "hundreds of messages for host 0");
        if (isHoma)
        {
            NS_TEST_EXPECT_MSG_EQ(exp.GetRetransmitted(), 0u, "nothing lost, nothing resent");
            std::map<uint32_t, std::multiset<uint32_t>> seen;
            for (const auto& m : messages)
            {
                NS_TEST_EXPECT_MSG_EQ(+m.protocol, 146, "Homa DATA");
                NS_TEST_EXPECT_MSG_EQ(m.bytes, m.length, "every byte of the message once");
                NS_TEST_EXPECT_MSG_LT_OR_EQ(m.first, m.last, "first byte before the last");
                seen[m.source.Get()].insert(m.length);
                if (m.length > 1)
                {
                    Time t = latest[{m.source.Get(), m.length}];
                    NS_TEST_EXPECT_MSG_LT_OR_EQ(m.last, t, "received before delivered");
                }
            }
            NS_TEST_EXPECT_MSG_EQ((seen == expect), true, "the delivered messages, no other");
        }
        else
        {
            std::map<uint32_t, uint64_t> seen;
            for (const auto& m : messages)
            {
                NS_TEST_EXPECT_MSG_EQ(+m.protocol, 6, "TCP");
                NS_TEST_EXPECT_MSG_EQ(m.length, 0u, "a connection has no length");
                seen[m.source.Get()] += m.bytes;
            }
            NS_TEST_EXPECT_MSG_EQ((seen == expectBytes),
                                  true,
                                  "each sender's framed bytes, once (no retransmission here)");
        }
    }

    /// Each interval's values at its end and its peaks are what the traces said.
    void CheckTraces(const DownlinkTimeline& timeline,
                     const ValueLog& queue,
                     const ValueLog& pool,
                     const ValueLog& incoming,
                     const ValueLog& active)
    {
        const auto& intervals = timeline.GetIntervals();
        NS_TEST_ASSERT_MSG_GT(queue.changes.size(), 1000u, "the port queued packets");
        uint64_t highest = 0;
        for (size_t k = 0; k < intervals.size(); ++k)
        {
            const auto& i = intervals[k];
            Time end = i.start + timeline.GetInterval();
            auto [q, qPeak] = queue.Over(i.start, end);
            uint64_t levels = std::accumulate(i.queue.begin(), i.queue.end(), 0ULL);
            NS_TEST_EXPECT_MSG_EQ(levels, q, "queue at the end of interval " << k);
            NS_TEST_EXPECT_MSG_EQ(i.queuePeak, qPeak, "queue peak in interval " << k);
            auto [p, pPeak] = pool.Over(i.start, end);
            NS_TEST_EXPECT_MSG_EQ(i.pool, p, "pool at the end of interval " << k);
            NS_TEST_EXPECT_MSG_EQ(i.poolPeak, pPeak, "pool peak in interval " << k);
            auto [in, inPeak] = incoming.Over(i.start, end);
            NS_TEST_EXPECT_MSG_EQ(i.incoming, in, "incoming at the end of interval " << k);
            NS_TEST_EXPECT_MSG_EQ(i.incomingPeak, inPeak, "incoming peak in interval " << k);
            NS_TEST_EXPECT_MSG_EQ(i.active, active.Over(i.start, end).first, "active " << k);
            highest = std::max(highest, qPeak);
        }
        NS_TEST_EXPECT_MSG_GT(highest, 10000u, "the port held several packets at once");
        if (timeline.HasHoma())
        {
            NS_TEST_EXPECT_MSG_GT(incoming.changes.size(), 100u, "grants decided");
            NS_TEST_EXPECT_MSG_GT(timeline.GetMaxIncoming(), 0u, "the budget");
        }
        if (!pool.changes.empty())
        {
            NS_TEST_EXPECT_MSG_GT(pool.Over(Seconds(0), Seconds(1)).second, 0u, "pool used");
        }
    }

    /// The CSV files hold one line per interval, message and share, and the plot script
    /// draws them.
    void CheckFiles(const DownlinkTimeline& timeline)
    {
        std::string prefix = CreateTempDirFilename("timeline-" + m_name);
        timeline.Write(prefix);
        std::vector<std::string> link = Lines(prefix + "-link.csv");
        NS_TEST_ASSERT_MSG_EQ(link.size(), timeline.GetIntervals().size() + 1, "link lines");
        NS_TEST_EXPECT_MSG_EQ(link[0].rfind("start_us,rx_bytes,messages,level0,", 0),
                              0u,
                              "link header");
        const auto& last = timeline.GetIntervals().back();
        std::ostringstream row;
        row << std::fixed << std::setprecision(3) << last.start.GetNanoSeconds() / 1000.0 << ","
            << last.rxBytes << "," << last.messages << ",";
        NS_TEST_EXPECT_MSG_EQ(link.back().rfind(row.str(), 0), 0u, "the last interval");
        NS_TEST_EXPECT_MSG_EQ(Lines(prefix + "-messages.csv").size(),
                              timeline.GetMessages().size() + 1,
                              "message lines");
        NS_TEST_EXPECT_MSG_EQ(Lines(prefix + "-shares.csv").size(),
                              timeline.GetShares().size() + 1,
                              "share lines");
        std::ostringstream plot;
        DownlinkTimeline::WritePlot(plot, "t.png", "t", {{m_name, prefix}});
        std::string script = plot.str();
        NS_TEST_EXPECT_MSG_NE(script.find(prefix + "-shares.csv"), std::string::npos, "shares");
        NS_TEST_EXPECT_MSG_NE(script.find(timeline.HasHoma() ? "layout 4,1" : "layout 3,1"),
                              std::string::npos,
                              "a row for Homa's grants only with Homa");
        for (const char* suffix : {"-link.csv", "-messages.csv", "-shares.csv"})
        {
            std::remove((prefix + suffix).c_str());
        }
    }

    std::string m_name; //!< the transport
};

/**
 * \ingroup homa-tests
 * The timeline's test suite.
 */
class HomaTimelineTestSuite : public TestSuite
{
  public:
    HomaTimelineTestSuite()
        : TestSuite("homa-timeline", NS3_COMPAT_TEST_SYSTEM)
    {
        for (const char* name : {"homa", "homa-discs", "homa-pool", "tcp", "dctcp"})
        {
            AddTestCase(new HomaTimelineRecordsTest(name), NS3_COMPAT_TEST_QUICK);
        }
    }
};

/// The suite's instance.
static HomaTimelineTestSuite g_homaTimelineTestSuite;
