/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The homa-datacenter example's experiment: the fabric, one transport (Homa, TCP, DCTCP or
// plain UDP), the message schedule and what was delivered when. Kept apart from the
// example's main(), which parses options and reports, and from the records a rank sends to
// rank 0 (homa-datacenter-records.h).

#ifndef HOMA_DATACENTER_EXPERIMENT_H
#define HOMA_DATACENTER_EXPERIMENT_H

#include "homa-datacenter-records.h"

#include "ns3/core-module.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace ns3
{
namespace homadc
{

/// One message of the schedule and what became of it.
struct Message
{
    uint32_t src{0};  //!< sending host
    uint32_t dst{0};  //!< receiving host
    uint32_t size{0}; //!< bytes
    Time start;       //!< creation at the sender
    Time end{-1};     //!< delivery at the receiver (-1: not delivered)
};

/// Scheduled priority levels of the paper's simulator, by workload.
inline uint8_t
SchedLevels(const std::string& workload)
{
    static const std::map<std::string, uint8_t> levels{{"W1", 1},
                                                       {"W2", 3},
                                                       {"W3", 4},
                                                       {"W4", 7},
                                                       {"W5", 7}};
    auto it = levels.find(workload);
    return it == levels.end() ? 4 : it->second;
}

/// The experiment: fabric, transport, schedule, records.
class Experiment
{
  public:
    /// Everything the command line sets.
    struct Settings
    {
        std::string transport{"homa"}; //!< homa, tcp, dctcp or udp
        std::string workload{"W3"};    //!< W1..W5 or a CDF path
        double load{0.5};              //!< offered load
        double time{0.0005};           //!< arrival window, seconds
        uint32_t tcpBuffer{250};       //!< TCP/DCTCP port buffer, packets
        uint32_t ecnK{65};             //!< DCTCP marking threshold at 10 Gbps
        double tcpMinRto{0.005};       //!< TCP minimum RTO, seconds
        uint32_t seed{1};              //!< run number
        bool paper{false};             //!< the paper simulator's settings (--paper)
        bool queueDiscs{false};        //!< queue discs on the ports (--queues=qdisc)
        bool wireLoad{false};          //!< the load counts every wire byte (--loadOn=wire)
        uint32_t overcommit{0};        //!< Homa's overcommitment; 0: the workload's levels
    };

    /**
     * \param fabric the fabric (configured, not installed)
     * \param config the settings
     */
    Experiment(LeafSpineHelper& fabric, const Settings& config)
        : m_fabric(fabric),
          m_config(config)
    {
    }

    /// Load the workload, build everything, draw the schedule.
    void Setup()
    {
        // W1..W5 or a file; --paper draws W1 as the paper's simulator did.
        m_dist.emplace(m_config.paper && m_config.workload == "W1"
                           ? MessageWorkload::SimulatorW1()
                           : MessageWorkload::Load(m_config.workload));
        uint32_t largest = 1;
        for (const auto& [size, prob] : m_dist->GetPoints())
        {
            largest = std::max(largest, static_cast<uint32_t>(std::ceil(size)));
        }
        m_meanSize = m_dist->GetMean();
        // The load counts each message's DATA bytes with their headers, or (--loadOn=wire)
        // every byte the RPC puts on host links: grants and the 1-byte response too, as
        // Homa carries it (the same schedule serves every transport).
        // The paper's simulator sent 1442 + 7886 = 9328 bytes unscheduled (defaultReqBytes and
        // defaultUnschedBytes, homaTransportConfig.ini: about its 10,000 RTT bytes on the wire),
        // exactly: its last unscheduled packet is cut short (UnschedWholePackets false).
        Ptr<HomaL4Protocol> defaults = CreateObject<HomaL4Protocol>(); // --ns3:: settings too
        m_unschedBytes = m_config.paper ? 9328 : defaults->GetUnschedBytes();
        m_unschedWhole = !m_config.paper && defaults->GetUnschedWholePackets();
        uint32_t unschedBytes = m_unschedBytes;
        bool whole = m_unschedWhole;
        m_meanWire = m_dist->Expect([this, unschedBytes, whole](uint32_t size) {
            return m_config.wireLoad
                       ? static_cast<double>(
                             MessageStats::RpcWireBytes(size, unschedBytes, 1, 1500, whole))
                       : static_cast<double>(MessageStats::WireBytes(size));
        });

        const std::string& t = m_config.transport;
        if (t == "homa" || t == "udp")
        {
            HomaHelper::ConfigureFabric(m_fabric, QueueSize("100000p"), m_config.queueDiscs);
        }
        else
        {
            ConfigureTcp(t == "dctcp");
        }
        m_fabric.Install();
        m_fabric.AssignStreams(1000);
        m_n = m_fabric.GetNHosts();
        NS_ABORT_MSG_UNLESS(m_n >= 2, "need at least two hosts");
        for (uint32_t h = 0; h < m_n; ++h)
        {
            m_hostOf[m_fabric.GetHostAddress(h).Get()] = h;
        }
        if (t == "homa")
        {
            InstallHoma(largest);
        }
        else if (t == "udp")
        {
            InstallUdp();
        }
        else
        {
            InstallTcp();
        }
        DrawSchedule();
        // Every byte the hosts send in the second half of the window (their NICs, device 1).
        for (uint32_t h = 0; h < m_n; ++h)
        {
            m_fabric.GetHosts().Get(h)->GetDevice(1)->TraceConnectWithoutContext(
                "PhyTxEnd",
                MakeCallback(&Experiment::HostSent, this));
        }
    }

    /// \return the bytes hosts sent in the second half of the window over what their links
    ///         could carry then
    double GetMeasuredHostLoad() const
    {
        double capacity = m_n * m_fabric.GetHostRate().GetBitRate() / 8.0 * m_config.time / 2;
        return capacity > 0 ? m_hostSentBytes / capacity : 0;
    }

    /// \return the schedule and its outcome
    const std::vector<Message>& GetMessages() const
    {
        return m_messages;
    }

    /// \return message bytes delivered to receivers during the second half of the arrival
    ///         window (the first half lets the network fill)
    uint64_t GetWindowBytes() const
    {
        return m_tenthBytes[TENTHS - 1] - m_tenthBytes[TENTHS / 2 - 1];
    }

    /**
     * \brief Steady state, tenth by tenth: at steady state the bytes created and not yet
     * delivered stop growing; a transport that falls behind the load leaves more and more
     * behind the work-conserving fabric once that fabric's own backlog has levelled off.
     * \return for each tenth of the arrival window: message bytes delivered to receivers in
     *         it, bytes of the messages created in it, and what a work-conserving fabric
     *         (MessageStats::WorkConservingBytes) delivers in it
     */
    std::vector<std::array<uint64_t, 3>> GetTenths() const
    {
        std::vector<Time> bounds;
        for (size_t k = 0; k <= TENTHS; ++k)
        {
            bounds.push_back(Seconds(m_config.time * k / TENTHS));
        }
        std::vector<uint64_t> reference =
            MessageStats::WorkConservingBytes(Arrivals(), m_fabric.GetHostRate(), bounds);
        std::vector<std::array<uint64_t, 3>> tenths(TENTHS, {0, 0, 0});
        for (const Message& m : m_messages)
        {
            auto k = static_cast<size_t>(m.start.GetSeconds() / m_config.time * TENTHS);
            tenths[std::min<size_t>(k, TENTHS - 1)][1] += m.size;
        }
        for (size_t k = 0; k < TENTHS; ++k)
        {
            tenths[k][0] = m_tenthBytes[k] - (k > 0 ? m_tenthBytes[k - 1] : 0);
            tenths[k][2] = reference[k];
        }
        return tenths;
    }

    /// \return message bytes that a work-conserving fabric would deliver in the window's
    ///         second half (MessageStats::WorkConservingBytes): the schedule's own reference
    uint64_t GetWorkConservingBytes() const
    {
        return MessageStats::WorkConservingBytes(Arrivals(),
                                                 m_fabric.GetHostRate(),
                                                 Seconds(m_config.time / 2),
                                                 Seconds(m_config.time));
    }

    /// \return message bytes of the messages created during the second half of the window
    uint64_t GetOfferedBytes() const
    {
        uint64_t b = 0;
        for (const Message& m : m_messages)
        {
            b += m.start >= Seconds(m_config.time / 2) ? m.size : 0;
        }
        return b;
    }

    /// \return the message-size distribution
    const MessageWorkload& GetWorkload() const
    {
        return *m_dist;
    }

    /// \return the unscheduled cutoffs Homa uses (empty for TCP and DCTCP)
    const std::string& GetCutoffs() const
    {
        return m_cutoffs;
    }

    /// \return TCP: connections the senders opened, in all and the most by one host (after
    /// Finish)
    std::pair<uint64_t, uint64_t> GetTcpConnections() const
    {
        std::pair<uint64_t, uint64_t> opened{0, 0};
        for (const Counters& c : m_ranks)
        {
            opened.first += c.tcpOpened;
            opened.second = std::max(opened.second, c.tcpOpenedMost);
        }
        return opened;
    }

    /// \return TCP: bytes the senders still hold (0 for Homa; after Finish)
    uint64_t GetTcpBacklog() const
    {
        return m_tcpBacklog;
    }

    /// \return events the simulation executed, over every rank (after Finish)
    uint64_t GetEvents() const
    {
        uint64_t events = 0;
        for (const Counters& c : m_ranks)
        {
            events += c.events;
        }
        return events;
    }

    /// \return what each rank counted (after Finish; one entry when serial)
    const std::vector<Counters>& GetRanks() const
    {
        return m_ranks;
    }

    /**
     * \brief After Simulator::Run(), on every rank: match deliveries to their messages and
     * total the counters. Under MPI each rank saw only its own hosts (senders' RPC ids,
     * receivers' deliveries, counters): every rank's records go to rank 0, where the
     * messages and the getters then hold the whole run (the other ranks' are their own).
     */
    void Finish()
    {
        Records mine;
        mine.counters = {{}, m_packets, m_hostSentBytes, 0, 0, 0, 0, 0, 0};
        std::copy(m_tenthBytes.begin(), m_tenthBytes.end(), mine.counters.tenthBytes);
        mine.counters.linkPackets = CountLinkPackets();
        for (const auto& app : m_tcpApps)
        {
            mine.counters.tcpBacklog += app->GetBacklog();
            mine.counters.tcpOpened += app->GetConnectionsOpened();
            mine.counters.tcpOpenedMost =
                std::max(mine.counters.tcpOpenedMost, app->GetConnectionsOpened());
        }
        mine.counters.events = Simulator::GetEventCount();
        struct rusage usage;
        getrusage(RUSAGE_SELF, &usage);
        mine.counters.peakMiB = static_cast<uint64_t>(usage.ru_maxrss / 1024);
        mine.sent = m_sent;
        mine.receipts = m_receipts;
        mine.ends = m_ends;
        std::vector<std::string> all = MpiRankHelper::Gather(mine.Encode());
        if (all.empty())
        {
            return; // not rank 0
        }
        std::vector<Records> ranks;
        std::map<std::pair<uint32_t, uint64_t>, uint64_t> sent;
        for (const std::string& bytes : all)
        {
            ranks.push_back(Records::Decode(bytes));
            for (const Sent& x : ranks.back().sent)
            {
                sent[{x.src, x.id}] = x.index;
            }
        }
        m_tenthBytes.fill(0);
        m_packets = m_hostSentBytes = m_tcpBacklog = 0;
        m_ranks.clear();
        for (const Records& r : ranks)
        {
            m_ranks.push_back(r.counters);
            for (size_t k = 0; k < TENTHS; ++k)
            {
                m_tenthBytes[k] += r.counters.tenthBytes[k];
            }
            m_packets += r.counters.packets;
            m_hostSentBytes += r.counters.hostSentBytes;
            m_tcpBacklog += r.counters.tcpBacklog;
            for (const Receipt& d : r.receipts)
            {
                auto it = sent.find({d.src, d.id});
                if (it != sent.end())
                {
                    m_messages[it->second].end = NanoSeconds(d.endNs);
                }
            }
            for (const End& e : r.ends)
            {
                m_messages.at(e.index).end = NanoSeconds(e.endNs);
            }
        }
    }

    /// \return DATA packets (Homa) or TCP segments received by hosts
    uint64_t GetPacketsReceived() const
    {
        return m_packets;
    }

    /// \return packets of every kind put on a link, once per hop, over every rank (after
    /// Finish): the fabric's unit of work
    uint64_t GetLinkPackets() const
    {
        uint64_t packets = 0;
        for (const Counters& c : m_ranks)
        {
            packets += c.linkPackets;
        }
        return packets;
    }

  private:
    /// \return the schedule as MessageStats::WorkConservingBytes takes it
    std::vector<HomaArrival> Arrivals() const
    {
        std::vector<HomaArrival> arrivals;
        arrivals.reserve(m_messages.size());
        for (const Message& m : m_messages)
        {
            arrivals.push_back({m.dst, m.size, m.start});
        }
        return arrivals;
    }

    /**
     * \brief Packets the devices of this rank's nodes took into their transmit queues and
     * did not drop, read from the queues' own counters (no trace connected, so counting
     * costs the run nothing). \return the count
     */
    uint64_t CountLinkPackets() const
    {
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

    void ConfigureTcp(bool dctcp)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
        Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));
        Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
        Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(Seconds(m_config.tcpMinRto)));
        Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(Seconds(m_config.tcpMinRto)));
        if (dctcp)
        {
            Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::TcpDctcpFloor"));
            Config::SetDefault("ns3::TcpSocketBase::UseEcn", StringValue("On"));
        }
        // Spraying as for Homa: TCP's packets are hashed per flow either way.
        m_fabric.SetSprayProtocol(HomaWire::PROTOCOL);
        TcpBaselineHelper::ConfigureFabric(m_fabric,
                                           QueueSize(QueueSizeUnit::PACKETS, m_config.tcpBuffer),
                                           m_config.queueDiscs,
                                           dctcp,
                                           m_config.ecnK);
    }

    void InstallHoma(uint32_t largest)
    {
        uint8_t sched = SchedLevels(m_config.workload);
        HomaHelper homa;
        homa.SetAttribute("MaxOvercommit",
                          UintegerValue(m_config.overcommit ? m_config.overcommit : sched));
        homa.SetAttribute("UnschedBytes", UintegerValue(m_unschedBytes));
        homa.SetAttribute("UnschedWholePackets", BooleanValue(m_unschedWhole));
        if (m_config.paper)
        {
            homa.SetAttribute("GrantInOrder", BooleanValue(false)); // as the simulator granted
        }
        homa.SetAttribute("MaxMessageLength",
                          UintegerValue(std::max(largest, HomaCutoffs::MAX_MESSAGE_LENGTH)));
        // The same cutoffs on every host, used from the first packet (as in the paper's
        // simulator), for UnschedBytes as every host has it (--ns3:: overrides included).
        m_cutoffs = HomaCutoffs::Format(
            m_config.paper ? homa.SetGraduatedPriorities(m_dist->GetPoints(), 8 - sched)
                           : homa.SetCutoffsFromDistribution(m_dist->GetPoints(), 8 - sched));
        homa.Install(m_fabric.GetHosts());
        for (uint32_t h = 0; h < m_n; ++h)
        {
            Ptr<HomaL4Protocol> p = m_fabric.GetHosts().Get(h)->GetObject<HomaL4Protocol>();
            p->TraceConnectWithoutContext("MsgEnd", MakeCallback(&Experiment::HomaDelivered, this));
            p->TraceConnectWithoutContext("Rx", MakeCallback(&Experiment::HomaRx, this));
            Ptr<HomaSocket> s = DynamicCast<HomaSocket>(
                Socket::CreateSocket(m_fabric.GetHosts().Get(h), HomaSocketFactory::GetTypeId()));
            s->Bind();
            s->SetRecvCallback(MakeCallback(&Experiment::DiscardResponses));
            m_homaSockets.push_back(s);
        }
        HomaServerHelper servers(9000);
        servers.SetAttribute("ResponseSize", UintegerValue(1));
        servers.Install(m_fabric.GetHosts());
    }

    void InstallTcp()
    {
        for (uint32_t h = 0; h < m_n; ++h)
        {
            Ptr<TcpMessageBaseline> app = CreateObject<TcpMessageBaseline>();
            m_fabric.GetHosts().Get(h)->AddApplication(app);
            app->TraceConnectWithoutContext("Delivered",
                                            MakeCallback(&Experiment::TcpDelivered, this));
            m_tcpApps.push_back(app);
        }
        for (uint32_t h = 0; h < m_n; ++h)
        {
            m_fabric.GetHosts().Get(h)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "Rx",
                MakeCallback(&Experiment::TcpRx, this));
        }
    }

    /// Plain UDP, the benchmark's floor: one socket per host; a message leaves at once as
    /// datagrams of UDP_PAYLOAD bytes (1500-byte IP packets, as Homa's full DATA packets), with
    /// no transport above (no grants, no acknowledgements, no retransmission).
    void InstallUdp()
    {
        for (uint32_t h = 0; h < m_n; ++h)
        {
            Ptr<Socket> s =
                Socket::CreateSocket(m_fabric.GetHosts().Get(h), UdpSocketFactory::GetTypeId());
            s->SetAttribute("RcvBufSize", UintegerValue(UINT32_MAX));
            NS_ABORT_MSG_IF(s->Bind(InetSocketAddress(Ipv4Address::GetAny(), UDP_PORT)) != 0,
                            "cannot bind the UDP port");
            s->SetRecvCallback(MakeCallback(&Experiment::UdpRx, this).Bind(h));
            m_udpSockets.push_back(s);
        }
    }

    /// Draw every message (fixed streams: the same for every transport), schedule each host's
    /// first, and the end-of-window byte count.
    void DrawSchedule()
    {
        double interval = m_meanWire * 8 / (m_config.load * m_fabric.GetHostRate().GetBitRate());
        for (const HomaScheduledMessage& d : m_dist->DrawSchedule(m_n, interval, m_config.time, 1))
        {
            Message m;
            m.src = d.src;
            m.dst = d.dst;
            m.size = d.size;
            m.start = d.start;
            m_messages.push_back(m);
        }
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
        for (size_t i = 0; i < m_messages.size(); ++i)
        {
            // UDP: a receiver counts each pair's messages off in send order (the schedule's).
            const Message& m = m_messages[i];
            if (m_config.transport == "udp" && IsLocal(m.dst))
            {
                m_udpPending[{m.src, m.dst}].push_back({i, m.size});
            }
        }
        for (uint32_t h = 0; h < m_n; ++h)
        {
            // Under MPI a rank starts only its own hosts' messages.
            if (m_first[h] < m_first[h + 1] && IsLocal(h))
            {
                Simulator::Schedule(m_messages[m_first[h]].start,
                                    &Experiment::SendNext,
                                    this,
                                    h,
                                    m_first[h]);
            }
        }
        for (size_t k = 0; k < TENTHS; ++k)
        {
            Simulator::Schedule(Seconds(m_config.time * (k + 1) / TENTHS),
                                [this, k]() { m_tenthBytes[k] = m_rxBytes; });
        }
    }

    /// Send message \p i of host \p h and schedule the host's next.
    void SendNext(uint32_t h, size_t i)
    {
        Message& m = m_messages[i];
        Ipv4Address dst = m_fabric.GetHostAddress(m.dst);
        if (m_config.transport == "homa")
        {
            uint64_t id =
                m_homaSockets[h]->SendRequest(Create<Packet>(m.size), InetSocketAddress(dst, 9000));
            NS_ABORT_MSG_IF(id == 0, "SendRequest failed");
            m_sent.push_back({h, id, i});
        }
        else if (m_config.transport == "udp")
        {
            // Datagrams of one host pair stay in order (hashed on one path, FIFO ports), so
            // the receiver counts each message's bytes off the pair's queue.
            for (uint32_t sent = 0; sent < m.size; sent += UDP_PAYLOAD)
            {
                uint32_t len = std::min(UDP_PAYLOAD, m.size - sent);
                m_udpSockets[h]->SendTo(Create<Packet>(len), 0, InetSocketAddress(dst, UDP_PORT));
            }
        }
        else
        {
            m_sent.push_back({h, m_tcpApps[h]->Send(dst, m.size), i});
        }
        if (i + 1 < m_first[h + 1])
        {
            Simulator::Schedule(m_messages[i + 1].start - Simulator::Now(),
                                &Experiment::SendNext,
                                this,
                                h,
                                i + 1);
        }
    }

    static void DiscardResponses(Ptr<Socket> socket)
    {
        HomaSocket::MessageInfo info;
        Ptr<HomaSocket> s = DynamicCast<HomaSocket>(socket);
        while (true)
        {
            s->RecvMessage(info);
            if (info.rpcId == 0)
            {
                break;
            }
        }
    }

    void HomaDelivered(const HomaMessageRecord& r)
    {
        if (!r.isRequest)
        {
            return;
        }
        m_receipts.push_back({m_hostOf[r.source.Get()], r.rpcId, r.end.GetNanoSeconds()});
    }

    void HomaRx(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t)
    {
        HomaCommonHeader common;
        if (p->GetSize() > HomaDataHeader::SIZE && p->PeekHeader(common) &&
            common.GetType() == HomaCommonHeader::DATA)
        {
            m_rxBytes += p->GetSize() - HomaDataHeader::SIZE;
            ++m_packets;
        }
    }

    void TcpDelivered(const TcpMessageRecord& r)
    {
        m_receipts.push_back({m_hostOf[r.source.Get()], r.id, r.end.GetNanoSeconds()});
    }

    /// Host \p h's UDP socket has datagrams.
    void UdpRx(uint32_t h, Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> p = socket->RecvFrom(from))
        {
            uint32_t src = m_hostOf[InetSocketAddress::ConvertFrom(from).GetIpv4().Get()];
            auto& pending = m_udpPending[{src, h}];
            NS_ABORT_MSG_IF(pending.empty(), "a datagram no message accounts for");
            m_rxBytes += p->GetSize();
            ++m_packets;
            pending.front().second -= p->GetSize();
            if (pending.front().second == 0)
            {
                m_ends.push_back({pending.front().first, Simulator::Now().GetNanoSeconds()});
                pending.pop_front();
            }
        }
    }

    /// \param h a host \return true if this rank simulates it (always, when serial)
    bool IsLocal(uint32_t h) const
    {
        return MpiRankHelper::IsLocal(m_fabric.GetHosts().Get(h));
    }

    void HostSent(Ptr<const Packet> p)
    {
        Time now = Simulator::Now();
        if (now >= Seconds(m_config.time / 2) && now < Seconds(m_config.time))
        {
            m_hostSentBytes += p->GetSize();
        }
    }

    void TcpRx(Ptr<const Packet> p, Ptr<Ipv4>, uint32_t)
    {
        // IP packets arriving at hosts: count TCP payload (20 B IP, 32 B TCP with options).
        if (p->GetSize() > 52 + 20)
        {
            m_rxBytes += p->GetSize() - 52;
            ++m_packets;
        }
    }

    LeafSpineHelper& m_fabric;                      //!< the fabric
    Settings m_config;                              //!< settings
    std::optional<MessageWorkload> m_dist;          //!< size distribution
    double m_meanWire{0};                           //!< mean wire bytes per message
    uint32_t m_unschedBytes{0};                     //!< Homa's UnschedBytes
    bool m_unschedWhole{true};                      //!< Homa's UnschedWholePackets
    double m_meanSize{0};                           //!< mean message bytes
    uint32_t m_n{0};                                //!< hosts
    std::map<uint32_t, uint32_t> m_hostOf;          //!< address -> host
    std::vector<Message> m_messages;                //!< the schedule
    std::vector<size_t> m_first;                    //!< first message of each host
    std::vector<Ptr<HomaSocket>> m_homaSockets;     //!< Homa senders
    std::vector<Ptr<TcpMessageBaseline>> m_tcpApps; //!< TCP senders/receivers
    std::vector<Sent> m_sent;                       //!< messages this rank's senders started
    std::vector<Receipt> m_receipts;                //!< deliveries at this rank's receivers
    std::vector<End> m_ends;                        //!< UDP: deliveries at this rank's receivers
    std::vector<Ptr<Socket>> m_udpSockets;          //!< UDP, per host
    /// UDP: (source, destination) -> messages under way (index, bytes still due), in order
    std::map<std::pair<uint32_t, uint32_t>, std::deque<std::pair<size_t, uint32_t>>> m_udpPending;
    static constexpr uint32_t UDP_PAYLOAD = 1472; //!< UDP: bytes per datagram
    static constexpr uint16_t UDP_PORT = 9100;    //!< UDP: the port
    uint64_t m_rxBytes{0};                        //!< message bytes received so far
    std::array<uint64_t, TENTHS> m_tenthBytes{};  //!< ... by the end of each tenth of the window
    uint64_t m_packets{0};                        //!< data packets received
    uint64_t m_hostSentBytes{0};                  //!< bytes hosts sent in the window's second half
    std::string m_cutoffs;                        //!< Homa's cutoffs (homa only)
    uint64_t m_tcpBacklog{0};                     //!< TCP senders' bytes left (Finish)
    std::vector<Counters> m_ranks;                //!< each rank's counters (Finish)
};

} // namespace homadc
} // namespace ns3

#endif /* HOMA_DATACENTER_EXPERIMENT_H */
