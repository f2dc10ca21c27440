/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-grant-control: the receiver's grant control in an incast, measured as the protocol's
// author would check it. Eight equal long messages reach one receiver at the same moment
// through one switch, with RTTbytes six times the bandwidth-delay product. After the
// unscheduled burst, one message at a time must hold the receiver's downlink, messages must
// finish one by one in SRPT order about one message-time apart, the downlink queue (queue
// disc and device queue) must stay near overcommit x RTTbytes - BDP, the incoming budget
// must hold at every grant, and bytes stranded at a low priority must not be overtaken by
// a later message.

#include "homa-test-util.h"

#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/pointer.h"
#include "ns3/queue-disc.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <vector>

using namespace ns3;

namespace
{

/// What the receiver saw of one message.
struct Arrivals
{
    std::vector<Time> times;          //!< arrival time of each DATA packet
    std::vector<uint32_t> offsets;    //!< its offset
    std::vector<uint32_t> wire;       //!< its bytes on the wire (PPP + IP + Homa + payload)
    std::vector<uint8_t> levels;      //!< its priority level
    Time unschedDone;                 //!< last arrival of a byte below UnschedBytes
    Time end;                         //!< message complete
    std::vector<uint8_t> grantLevels; //!< levels of the grants sent for it
    std::vector<Time> grantTimes;     //!< when
};

} // namespace

/// The incast of equal long messages, for one overcommitment degree.
class HomaGrantControlIncastTest : public TestCase
{
  public:
    /// \param overcommit MaxOvercommit
    explicit HomaGrantControlIncastTest(uint32_t overcommit)
        : TestCase("8 x 500 kB incast, RTTbytes 50 kB, overcommit " + std::to_string(overcommit) +
                   ": one message at a time, SRPT completions, bounded queue and budget"),
          m_overcommit(overcommit)
    {
    }

  private:
    static constexpr uint32_t SENDERS = 8;
    static constexpr uint32_t LENGTH = 500000;
    static constexpr uint32_t RTT_BYTES = 50000;

    void OnRx(Ptr<const Packet> p, Ipv4Address source, Ipv4Address, uint8_t level)
    {
        HomaDataHeader h;
        if (!homatest::PeekData(p, h))
        {
            return;
        }
        Arrivals& a = m_arrivals[source];
        a.times.push_back(Simulator::Now());
        a.offsets.push_back(h.GetOffset());
        a.wire.push_back(p->GetSize() + 20 + 2);
        a.levels.push_back(level);
        if (h.GetOffset() < RTT_BYTES)
        {
            a.unschedDone = Simulator::Now();
        }
    }

    void OnMsgEnd(const HomaMessageRecord& r)
    {
        m_arrivals[r.source].end = r.end;
    }

    void OnGrant(Ipv4Address peer, uint64_t, uint32_t, uint8_t priority)
    {
        m_arrivals[peer].grantLevels.push_back(priority);
        m_arrivals[peer].grantTimes.push_back(Simulator::Now());
        m_maxIncomingAtGrant =
            std::max(m_maxIncomingAtGrant, m_receiver->GetGrantScheduler().GetTotalIncoming());
    }

    void OnTotalIncoming(uint64_t, uint64_t bytes)
    {
        m_maxIncoming = std::max(m_maxIncoming, bytes);
    }

    void OnQueueBytes(bool device, uint32_t, uint32_t bytes)
    {
        (device ? m_deviceBytes : m_qdiscBytes) = bytes;
        m_queue.emplace_back(Simulator::Now(), m_deviceBytes + m_qdiscBytes);
    }

    void DoRun() override
    {
        HomaHelper homa;
        homa.SetAttribute("UnschedBytes", UintegerValue(RTT_BYTES));
        homa.SetAttribute("Window", UintegerValue(RTT_BYTES));
        homa.SetAttribute("MaxOvercommit", UintegerValue(m_overcommit));
        // SRPT's bounds alone: FIFO grants go past the budget by design (homa-grant tests them).
        homa.SetAttribute("GrantFifoFraction", UintegerValue(0));
        homatest::Star star = homatest::BuildStar(SENDERS + 1, "10Gbps", "1us", homa);
        m_receiver = star.Homa(SENDERS);
        NS_TEST_ASSERT_MSG_EQ(m_receiver->GetMaxIncoming(),
                              m_overcommit * RTT_BYTES,
                              "budget defaults to overcommit x window");
        homatest::Server server(m_receiver, 5000, [](Ptr<Packet>) { return Create<Packet>(1); });
        std::vector<std::unique_ptr<homatest::Client>> clients;
        for (uint32_t i = 0; i < SENDERS; ++i)
        {
            clients.push_back(std::make_unique<homatest::Client>(star.Homa(i)));
            Simulator::Schedule(MicroSeconds(10), [&, i]() {
                clients[i]->Send(star.addresses[SENDERS], 5000, homatest::MakeMessage(LENGTH, i));
            });
        }
        m_receiver->TraceConnectWithoutContext(
            "Rx",
            MakeCallback(&HomaGrantControlIncastTest::OnRx, this));
        m_receiver->TraceConnectWithoutContext(
            "MsgEnd",
            MakeCallback(&HomaGrantControlIncastTest::OnMsgEnd, this));
        m_receiver->TraceConnectWithoutContext(
            "Grant",
            MakeCallback(&HomaGrantControlIncastTest::OnGrant, this));
        m_receiver->TraceConnectWithoutContext(
            "TotalIncoming",
            MakeCallback(&HomaGrantControlIncastTest::OnTotalIncoming, this));
        Ptr<NetDevice> downlink = star.switchDevices.Get(SENDERS);
        Ptr<QueueDisc> qdisc =
            star.router->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(downlink);
        qdisc->TraceConnectWithoutContext(
            "BytesInQueue",
            MakeCallback(&HomaGrantControlIncastTest::OnQueueBytes, this).Bind(false));
        PointerValue txQueue;
        downlink->GetAttribute("TxQueue", txQueue);
        txQueue.Get<QueueBase>()->TraceConnectWithoutContext(
            "BytesInQueue",
            MakeCallback(&HomaGrantControlIncastTest::OnQueueBytes, this).Bind(true));
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        // Every message arrived byte-exact.
        NS_TEST_ASSERT_MSG_EQ(server.requests.size(), SENDERS, "every message arrived");
        std::map<uint32_t, bool> matched;
        for (const auto& request : server.requests)
        {
            for (uint32_t i = 0; i < SENDERS; ++i)
            {
                if (homatest::Bytes(request) == homatest::Bytes(homatest::MakeMessage(LENGTH, i)))
                {
                    matched[i] = true;
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ(matched.size(), SENDERS, "each sender's bytes exactly");

        // Completion order and spacing. The messages are equal, so SRPT ranks them by
        // arrival (the kernel's birth order): completions must follow first arrivals.
        std::vector<Ipv4Address> byArrival;
        std::vector<Ipv4Address> byEnd;
        Time unschedDone;
        for (const auto& [source, a] : m_arrivals)
        {
            byArrival.push_back(source);
            unschedDone = std::max(unschedDone, a.unschedDone);
        }
        byEnd = byArrival;
        std::sort(byArrival.begin(), byArrival.end(), [this](Ipv4Address x, Ipv4Address y) {
            return m_arrivals[x].times.front() < m_arrivals[y].times.front();
        });
        std::sort(byEnd.begin(), byEnd.end(), [this](Ipv4Address x, Ipv4Address y) {
            return m_arrivals[x].end < m_arrivals[y].end;
        });
        NS_TEST_EXPECT_MSG_EQ((byArrival == byEnd), true, "completions in SRPT (arrival) order");
        // The scheduled part of a message on the wire: (LENGTH - RTT_BYTES) in 1442-byte
        // payloads of 1520-byte frames at 10 Gbps.
        const double packets = std::ceil(double(LENGTH - RTT_BYTES) / 1442);
        const Time messageTime = NanoSeconds(packets * 1520 * 8 / 10.0);
        for (uint32_t k = 1; k < byEnd.size(); ++k)
        {
            Time gap = m_arrivals[byEnd[k]].end - m_arrivals[byEnd[k - 1]].end;
            NS_TEST_EXPECT_MSG_GT(gap, messageTime * 0.85, "completion " << k << " not bunched");
            NS_TEST_EXPECT_MSG_LT(gap, messageTime * 1.15, "completion " << k << " on time");
        }
        Time lastEnd = m_arrivals[byEnd.back()].end;

        // One message at a time: in 10-us samples after the unscheduled burst, the busiest
        // message carries at least 90 % of the link (12500 bytes per sample).
        const Time bin = MicroSeconds(10);
        const uint32_t bins = (lastEnd - unschedDone).GetInteger() / bin.GetInteger();
        std::vector<std::map<Ipv4Address, uint32_t>> perBin(bins);
        for (const auto& [source, a] : m_arrivals)
        {
            for (size_t j = 0; j < a.times.size(); ++j)
            {
                if (a.times[j] >= unschedDone)
                {
                    uint64_t b = (a.times[j] - unschedDone).GetInteger() / bin.GetInteger();
                    if (b < bins)
                    {
                        perBin[b][source] += a.wire[j];
                    }
                }
            }
        }
        uint32_t good = 0;
        for (const auto& sample : perBin)
        {
            uint32_t top = 0;
            for (const auto& [source, bytes] : sample)
            {
                top = std::max(top, bytes);
            }
            good += top >= 0.9 * 12500 ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_GT(bins, 200, "enough samples");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(double(good) / bins,
                                    0.9,
                                    good << " of " << bins
                                         << " samples with one message at >= 90 % of the link");

        // The downlink queue after the burst: at most 1.1 x (overcommit x RTTbytes - BDP).
        // Idle RTT: four 1-us links, a 1520-byte DATA frame and a 55-byte GRANT frame over two
        // 10 Gbps hops each.
        const double bdp = 10e9 / 8 * (4e-6 + 2 * (1520 + 55) * 8 / 10e9);
        uint32_t peak = 0;
        for (const auto& [t, bytes] : m_queue)
        {
            if (t > unschedDone)
            {
                peak = std::max(peak, bytes);
            }
        }
        const double bound = 1.1 * (m_overcommit * RTT_BYTES - bdp);
        NS_TEST_EXPECT_MSG_LT_OR_EQ(peak,
                                    bound,
                                    "downlink queue after the burst (BDP " << bdp << " B)");

        // The budget held at every grant; the unscheduled burst went beyond it, so grants
        // were held while it drained.
        NS_TEST_EXPECT_MSG_LT_OR_EQ(m_maxIncomingAtGrant,
                                    m_overcommit * RTT_BYTES,
                                    "total incoming never above MaxIncoming after a grant");
        NS_TEST_EXPECT_MSG_GT(m_maxIncoming,
                              2 * m_overcommit * RTT_BYTES,
                              "the unscheduled burst spent the budget");

        // Stranded bytes: packets of a message overtaken by its own later, higher-priority
        // packets. They exist, and no later message is granted above them before they are in.
        uint32_t stranded = 0;
        for (uint32_t k = 0; k + 1 < byEnd.size(); ++k)
        {
            const Arrivals& a = m_arrivals[byEnd[k]];
            uint32_t maxOffset = 0;
            uint8_t lowest = 7;
            uint32_t mine = 0;
            for (size_t j = 0; j < a.times.size(); ++j)
            {
                if (a.offsets[j] < maxOffset)
                {
                    ++mine;
                    lowest = std::min(lowest, a.levels[j]);
                }
                maxOffset = std::max(maxOffset, a.offsets[j]);
            }
            stranded += mine;
            const Arrivals& next = m_arrivals[byEnd[k + 1]];
            for (size_t g = 0; mine > 0 && g < next.grantTimes.size(); ++g)
            {
                if (next.grantTimes[g] < a.end)
                {
                    NS_TEST_EXPECT_MSG_LT_OR_EQ(+next.grantLevels[g],
                                                +lowest,
                                                "message " << k + 1
                                                           << " granted above the stranded "
                                                              "bytes of message "
                                                           << k);
                }
            }
        }
        if (m_overcommit == 2)
        {
            NS_TEST_EXPECT_MSG_GT(stranded, 0, "stranded low-priority packets occurred");
        }
        Simulator::Destroy();
    }

    uint32_t m_overcommit;                          //!< MaxOvercommit
    Ptr<HomaL4Protocol> m_receiver;                 //!< the receiver's Homa
    std::map<Ipv4Address, Arrivals> m_arrivals;     //!< per sender
    std::vector<std::pair<Time, uint32_t>> m_queue; //!< downlink queue bytes over time
    uint32_t m_qdiscBytes{0};                       //!< queue disc bytes now
    uint32_t m_deviceBytes{0};                      //!< device queue bytes now
    uint64_t m_maxIncomingAtGrant{0};               //!< largest total incoming at a grant
    uint64_t m_maxIncoming{0};                      //!< largest total incoming seen
};

/// The homa-grant-control suite.
class HomaGrantControlTestSuite : public TestSuite
{
  public:
    HomaGrantControlTestSuite()
        : TestSuite("homa-grant-control", NS3_COMPAT_TEST_SYSTEM)
    {
        AddTestCase(new HomaGrantControlIncastTest(2), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantControlIncastTest(3), NS3_COMPAT_TEST_QUICK);
    }
};

static HomaGrantControlTestSuite g_homaGrantControlTestSuite; //!< registers the suite
