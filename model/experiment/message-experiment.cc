/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "message-experiment.h"

#include "ns3/abort.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/log.h"
#include "ns3/mpi-rank-helper.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <sys/resource.h>
#include <type_traits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MessageExperiment");

namespace
{

/// A message started here or delivered here, as words: (src, dst, id, message index) or
/// (src, dst, id, delivery time in ns).
using Words = std::array<uint64_t, 4>;

/// What one rank saw, as it travels to rank 0 (MpiRankHelper::Gather) as bytes.
struct RankRecords
{
    MessageExperiment::RankCounters counters; //!< the rank's counters
    std::vector<Words> sent;                  //!< messages its senders started
    std::vector<Words> receipts;              //!< deliveries at its receivers

    /// \return the records as bytes
    std::string Encode() const
    {
        std::string out(reinterpret_cast<const char*>(&counters), sizeof(counters));
        Append(out, sent);
        Append(out, receipts);
        return out;
    }

    /// \param bytes what Encode wrote \return the records
    static RankRecords Decode(const std::string& bytes)
    {
        RankRecords r;
        size_t at = 0;
        Take(bytes, at, &r.counters, sizeof(r.counters));
        Take(bytes, at, r.sent);
        Take(bytes, at, r.receipts);
        return r;
    }

  private:
    /// Append a vector's length and its elements' bytes. \param out bytes \param v it
    static void Append(std::string& out, const std::vector<Words>& v)
    {
        uint64_t n = v.size();
        out.append(reinterpret_cast<const char*>(&n), sizeof(n));
        if (n > 0)
        {
            out.append(reinterpret_cast<const char*>(v.data()), n * sizeof(Words));
        }
    }

    /// Copy \p size bytes at \p at to \p to. \param bytes source \param at offset
    /// \param to destination \param size bytes
    static void Take(const std::string& bytes, size_t& at, void* to, size_t size)
    {
        NS_ABORT_MSG_IF(at + size > bytes.size(), "truncated rank records");
        if (size > 0) // an empty vector's data() may be null, which memcpy must not get
        {
            std::memcpy(to, bytes.data() + at, size);
        }
        at += size;
    }

    /// Read a vector that Append wrote. \param bytes source \param at offset \param v it
    static void Take(const std::string& bytes, size_t& at, std::vector<Words>& v)
    {
        uint64_t n;
        Take(bytes, at, &n, sizeof(n));
        NS_ABORT_MSG_IF(n > bytes.size() / sizeof(Words), "truncated rank records");
        v.resize(n);
        Take(bytes, at, v.data(), n * sizeof(Words));
    }
};

static_assert(std::is_trivially_copyable_v<MessageExperiment::RankCounters>,
              "rank counters travel as bytes");

} // namespace

MessageExperiment::MessageExperiment(LeafSpineHelper& fabric, Ptr<MessageTransport> transport)
    : m_fabric(fabric),
      m_transport(transport),
      m_loadBytes([](uint32_t size) { return static_cast<double>(MessageStats::WireBytes(size)); })
{
    NS_ABORT_MSG_UNLESS(transport, "MessageExperiment: no transport");
}

void
MessageExperiment::SetWorkload(const MessageWorkload& workload)
{
    m_workload.emplace(workload);
}

void
MessageExperiment::SetLoad(double load)
{
    NS_ABORT_MSG_UNLESS(load > 0, "MessageExperiment::SetLoad: the load must be positive");
    m_load = load;
}

void
MessageExperiment::SetLoadBytes(std::function<double(uint32_t)> bytes)
{
    m_loadBytes = bytes;
}

void
MessageExperiment::SetWindow(Time window)
{
    NS_ABORT_MSG_UNLESS(window.IsStrictlyPositive(),
                        "MessageExperiment::SetWindow: the window must be positive");
    m_window = window;
}

void
MessageExperiment::Setup()
{
    NS_ABORT_MSG_UNLESS(m_workload, "MessageExperiment::Setup: no workload (SetWorkload)");
    m_transport->ConfigureFabric(m_fabric);
    m_fabric.Install();
    m_fabric.AssignStreams(1000);
    m_n = m_fabric.GetNHosts();
    NS_ABORT_MSG_UNLESS(m_n >= 2, "MessageExperiment: need at least two hosts");
    m_transport->Install(m_fabric.GetHosts());
    m_transport->TraceConnectWithoutContext("Delivered",
                                            MakeCallback(&MessageExperiment::Delivered, this));
    DrawSchedule();
    WatchSwitchBuffers();
    // Every byte the hosts send in the second half of the window (their NICs, device 1).
    for (uint32_t h = 0; h < m_n; ++h)
    {
        m_fabric.GetHosts().Get(h)->GetDevice(1)->TraceConnectWithoutContext(
            "PhyTxEnd",
            MakeCallback(&MessageExperiment::HostSent, this));
    }
}

void
MessageExperiment::WatchSwitchBuffers()
{
    for (const NodeContainer& switches : {m_fabric.GetTors(), m_fabric.GetSpines()})
    {
        for (uint32_t i = 0; i < switches.GetN(); ++i)
        {
            Ptr<Node> node = switches.Get(i);
            Ptr<SharedBuffer> buffer = LeafSpineHelper::GetSharedBuffer(node);
            if (buffer && MpiRankHelper::IsLocal(node))
            {
                m_buffers.push_back(buffer);
                SwitchBuffer b;
                b.node = node->GetId();
                m_switchBuffers.push_back(b);
            }
        }
    }
    if (m_buffers.empty())
    {
        return;
    }
    // The quantile covers the window's second half, as the delivered load does.
    Simulator::Schedule(Seconds(m_window.GetSeconds() / 2), [this]() {
        for (const auto& buffer : m_buffers)
        {
            buffer->ResetStatistics();
        }
    });
    Simulator::Schedule(m_window, [this]() {
        for (size_t k = 0; k < m_buffers.size(); ++k)
        {
            m_switchBuffers[k].p99 = m_buffers[k]->GetOccupancyQuantile(0.99);
        }
    });
}

void
MessageExperiment::DrawSchedule()
{
    double meanBytes = m_workload->Expect(m_loadBytes);
    double interval = meanBytes * 8 / (m_load * m_fabric.GetHostRate().GetBitRate());
    m_messages = m_workload->DrawSchedule(m_n, interval, m_window.GetSeconds(), 1);
    // Per host, in time order (they were drawn host by host, so already sorted).
    m_first.assign(m_n + 1, 0);
    for (size_t i = 0; i < m_messages.size(); ++i)
    {
        m_first[m_messages[i].src + 1] = i + 1;
    }
    for (uint32_t h = 1; h <= m_n; ++h)
    {
        m_first[h] = std::max(m_first[h], m_first[h - 1]);
    }
    for (const MessageRecord& m : m_messages)
    {
        if (IsLocal(m.dst))
        {
            m_transport->Expect(m.src, m.dst, m.size);
        }
    }
    for (uint32_t h = 0; h < m_n; ++h)
    {
        // Under MPI a rank starts only its own hosts' messages.
        if (m_first[h] < m_first[h + 1] && IsLocal(h))
        {
            Simulator::Schedule(m_messages[m_first[h]].start,
                                &MessageExperiment::SendNext,
                                this,
                                h,
                                m_first[h]);
        }
    }
    for (size_t k = 0; k < TENTHS; ++k)
    {
        Simulator::Schedule(Seconds(m_window.GetSeconds() * (k + 1) / TENTHS),
                            [this, k]() { m_tenthBytes[k] = m_transport->GetBytesReceived(); });
    }
}

void
MessageExperiment::SendNext(uint32_t h, size_t i)
{
    MessageRecord& m = m_messages[i];
    m.id = m_transport->Send(h, m.dst, m.size);
    m_sent.push_back({h, m.dst, m.id, i});
    if (i + 1 < m_first[h + 1])
    {
        Simulator::Schedule(m_messages[i + 1].start - Simulator::Now(),
                            &MessageExperiment::SendNext,
                            this,
                            h,
                            i + 1);
    }
}

void
MessageExperiment::Delivered(const MessageRecord& r)
{
    m_receipts.push_back(r);
}

void
MessageExperiment::HostSent(Ptr<const Packet> p)
{
    Time now = Simulator::Now();
    if (now >= Seconds(m_window.GetSeconds() / 2) && now < m_window)
    {
        m_hostSentBytes += p->GetSize();
    }
}

bool
MessageExperiment::IsLocal(uint32_t h) const
{
    return MpiRankHelper::IsLocal(m_fabric.GetHosts().Get(h));
}

uint64_t
MessageExperiment::CountLinkPackets() const
{
    // The devices' queues' own counters: no trace connected, so counting costs nothing.
    uint64_t packets = 0;
    for (const NodeContainer& nodes :
         {m_fabric.GetHosts(), m_fabric.GetTors(), m_fabric.GetSpines()})
    {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<Node> node = nodes.Get(i);
            if (!MpiRankHelper::IsLocal(node))
            {
                continue;
            }
            for (uint32_t d = 0; d < node->GetNDevices(); ++d)
            {
                if (Ptr<QueueBase> q = LeafSpineHelper::DeviceQueue(node->GetDevice(d)))
                {
                    packets += q->GetTotalReceivedPackets() - q->GetTotalDroppedPackets();
                }
            }
        }
    }
    return packets;
}

void
MessageExperiment::Finish()
{
    RankRecords mine;
    mine.counters = RankCounters{}; // every counter 0 until set below
    mine.counters.packets = m_transport->GetPacketsReceived();
    mine.counters.hostSentBytes = m_hostSentBytes;
    for (size_t k = 0; k < m_buffers.size(); ++k)
    {
        SwitchBuffer& b = m_switchBuffers[k];
        b.peak = m_buffers[k]->GetPeakOccupancy();
        b.drops = m_buffers[k]->GetTotalDrops();
        mine.counters.poolPeak = std::max(mine.counters.poolPeak, b.peak);
        mine.counters.poolP99 = std::max(mine.counters.poolP99, b.p99);
        mine.counters.poolDrops += b.drops;
    }
    std::copy(m_tenthBytes.begin(), m_tenthBytes.end(), mine.counters.tenthBytes);
    mine.counters.linkPackets = CountLinkPackets();
    mine.counters.backlog = m_transport->GetBacklog();
    std::tie(mine.counters.opened, mine.counters.openedMost) = m_transport->GetConnectionsOpened();
    mine.counters.events = Simulator::GetEventCount();
    mine.counters.failed = m_transport->GetFailed();
    mine.counters.retransmitted = m_transport->GetRetransmitted();
    mine.counters.lostFrames = m_fabric.GetRoutes() ? m_fabric.GetRoutes()->GetLostFrames() : 0;
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    mine.counters.peakMiB = static_cast<uint64_t>(usage.ru_maxrss / 1024);
    mine.sent = m_sent;
    for (const MessageRecord& r : m_receipts)
    {
        mine.receipts.push_back(
            {r.src, r.dst, r.id, static_cast<uint64_t>(r.end.GetNanoSeconds())});
    }
    std::vector<std::string> all = MpiRankHelper::Gather(mine.Encode());
    if (all.empty())
    {
        return; // not rank 0
    }
    std::vector<RankRecords> ranks;
    std::map<std::array<uint64_t, 3>, uint64_t> sent;
    for (const std::string& bytes : all)
    {
        ranks.push_back(RankRecords::Decode(bytes));
        for (const Words& x : ranks.back().sent)
        {
            sent[{x[0], x[1], x[2]}] = x[3];
        }
    }
    m_tenthBytes.fill(0);
    m_hostSentBytes = 0;
    m_ranks.clear();
    for (const RankRecords& r : ranks)
    {
        m_ranks.push_back(r.counters);
        for (size_t k = 0; k < TENTHS; ++k)
        {
            m_tenthBytes[k] += r.counters.tenthBytes[k];
        }
        m_hostSentBytes += r.counters.hostSentBytes;
        for (const Words& d : r.receipts)
        {
            auto it = sent.find({d[0], d[1], d[2]});
            if (it != sent.end())
            {
                MessageRecord& m = m_messages[it->second];
                m.id = d[2];
                m.end = NanoSeconds(static_cast<int64_t>(d[3]));
            }
        }
    }
}

const std::vector<MessageRecord>&
MessageExperiment::GetMessages() const
{
    return m_messages;
}

const MessageWorkload&
MessageExperiment::GetWorkload() const
{
    NS_ABORT_MSG_UNLESS(m_workload, "MessageExperiment: no workload (SetWorkload)");
    return *m_workload;
}

Ptr<MessageTransport>
MessageExperiment::GetTransport() const
{
    return m_transport;
}

std::vector<Time>
MessageExperiment::GetIdealTimes(MessageStats::IdealModel model) const
{
    DataRate hr = m_fabric.GetHostRate();
    DataRate fr = m_fabric.GetFabricRate();
    Time dh = m_fabric.GetHostLinkDelay();
    Time df = m_fabric.GetFabricLinkDelay();
    std::vector<Time> ideal;
    ideal.reserve(m_messages.size());
    for (const MessageRecord& m : m_messages)
    {
        bool sameRack = m_fabric.GetRack(m.src) == m_fabric.GetRack(m.dst);
        ideal.push_back(
            sameRack ? MessageStats::IdealMessageTime(m.size, {hr, hr}, {dh, dh}, 1500, model)
                     : MessageStats::IdealMessageTime(m.size,
                                                      {hr, fr, fr, hr},
                                                      {dh, df, df, dh},
                                                      1500,
                                                      model));
    }
    return ideal;
}

std::vector<double>
MessageExperiment::GetSlowdowns(const std::vector<Time>& ideal) const
{
    NS_ABORT_MSG_UNLESS(ideal.size() == m_messages.size(),
                        "MessageExperiment::GetSlowdowns: one ideal time per message");
    std::vector<double> slowdown(m_messages.size(), -1);
    for (size_t i = 0; i < m_messages.size(); ++i)
    {
        const MessageRecord& m = m_messages[i];
        if (m.end >= Time(0))
        {
            slowdown[i] = (m.end - m.start).GetSeconds() / ideal[i].GetSeconds();
        }
    }
    return slowdown;
}

uint64_t
MessageExperiment::GetWindowBytes() const
{
    return m_tenthBytes[TENTHS - 1] - m_tenthBytes[TENTHS / 2 - 1];
}

uint64_t
MessageExperiment::GetOfferedBytes() const
{
    uint64_t b = 0;
    for (const MessageRecord& m : m_messages)
    {
        b += m.start >= Seconds(m_window.GetSeconds() / 2) ? m.size : 0;
    }
    return b;
}

uint64_t
MessageExperiment::GetWorkConservingBytes() const
{
    return MessageStats::WorkConservingBytes(m_messages,
                                             m_fabric.GetHostRate(),
                                             Seconds(m_window.GetSeconds() / 2),
                                             m_window);
}

std::vector<std::array<uint64_t, 3>>
MessageExperiment::GetTenths() const
{
    std::vector<Time> bounds;
    for (size_t k = 0; k <= TENTHS; ++k)
    {
        bounds.push_back(Seconds(m_window.GetSeconds() * k / TENTHS));
    }
    std::vector<uint64_t> reference =
        MessageStats::WorkConservingBytes(m_messages, m_fabric.GetHostRate(), bounds);
    std::vector<std::array<uint64_t, 3>> tenths(TENTHS, {0, 0, 0});
    for (const MessageRecord& m : m_messages)
    {
        auto k = static_cast<size_t>(m.start.GetSeconds() / m_window.GetSeconds() * TENTHS);
        tenths[std::min<size_t>(k, TENTHS - 1)][1] += m.size;
    }
    for (size_t k = 0; k < TENTHS; ++k)
    {
        tenths[k][0] = m_tenthBytes[k] - (k > 0 ? m_tenthBytes[k - 1] : 0);
        tenths[k][2] = reference[k];
    }
    return tenths;
}

double
MessageExperiment::GetMeasuredHostLoad() const
{
    double capacity = m_n * m_fabric.GetHostRate().GetBitRate() / 8.0 * m_window.GetSeconds() / 2;
    return capacity > 0 ? m_hostSentBytes / capacity : 0;
}

uint64_t
MessageExperiment::Total(uint64_t RankCounters::*field) const
{
    uint64_t total = 0;
    for (const RankCounters& c : m_ranks)
    {
        total += c.*field;
    }
    return total;
}

uint64_t
MessageExperiment::Most(uint64_t RankCounters::*field) const
{
    uint64_t most = 0;
    for (const RankCounters& c : m_ranks)
    {
        most = std::max(most, c.*field);
    }
    return most;
}

const std::vector<MessageExperiment::RankCounters>&
MessageExperiment::GetRanks() const
{
    return m_ranks;
}

uint64_t
MessageExperiment::GetEvents() const
{
    return Total(&RankCounters::events);
}

uint64_t
MessageExperiment::GetPacketsReceived() const
{
    return Total(&RankCounters::packets);
}

uint64_t
MessageExperiment::GetLinkPackets() const
{
    return Total(&RankCounters::linkPackets);
}

uint64_t
MessageExperiment::GetBacklog() const
{
    return Total(&RankCounters::backlog);
}

const std::vector<MessageExperiment::SwitchBuffer>&
MessageExperiment::GetSwitchBuffers() const
{
    return m_switchBuffers;
}

uint64_t
MessageExperiment::GetPoolPeak() const
{
    return Most(&RankCounters::poolPeak);
}

uint64_t
MessageExperiment::GetPoolP99() const
{
    return Most(&RankCounters::poolP99);
}

uint64_t
MessageExperiment::GetPoolDrops() const
{
    return Total(&RankCounters::poolDrops);
}

std::pair<uint64_t, uint64_t>
MessageExperiment::GetConnectionsOpened() const
{
    return {Total(&RankCounters::opened), Most(&RankCounters::openedMost)};
}

uint64_t
MessageExperiment::GetFailed() const
{
    return Total(&RankCounters::failed);
}

uint64_t
MessageExperiment::GetRetransmitted() const
{
    return Total(&RankCounters::retransmitted);
}

uint64_t
MessageExperiment::GetLostFrames() const
{
    return Total(&RankCounters::lostFrames);
}

} // namespace ns3
