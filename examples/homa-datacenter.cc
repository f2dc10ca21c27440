/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-datacenter: the Homa paper's simulation setting, for Homa and for ns-3's TCP and
// DCTCP on the same traffic. A two-level fabric (by default 9 racks of 16 hosts, 4 spines,
// 10/40 Gbps; HomaDatacenterHelper); every host sends one-way messages with Poisson
// arrivals to hosts chosen uniformly among the others, sizes drawn from a workload (W1..W5
// shipped in workloads/), at an offered load given as a fraction of the host link rate.
//
//   ./ns3 run "homa-datacenter --workload=W3 --load=0.8 --time=0.002"
//   ./ns3 run "homa-datacenter --workload=W3 --load=0.8 --time=0.002 --transport=dctcp"
//
// Traffic. The message schedule (time, destination, size of every message) is drawn before
// the simulation from random streams fixed by --seed, so the three transports carry exactly
// the same messages. Load accounting: a message of s bytes counts as s bytes plus 78 bytes
// (IP, Homa DATA header, PPP) per packet of at most 1424 bytes; the mean of that over the
// workload sets the arrival rate (the paper's simulator likewise scaled its load to include
// headers). Homa carries each message as a request answered with 1 byte; TCP carries it on a
// pooled connection (HomaTcpBaseline).
//
// Homa's configuration follows the paper's simulator: 8 priority levels, the number of
// scheduled levels and the overcommitment fixed per workload (W1 1, W2 3, W3 4, W4 7, W5 7),
// unscheduled cutoffs computed from the workload's distribution (equal unscheduled bytes per
// level), every host assuming its peers use the same cutoffs (AssumePeerCutoffs), message
// length limit raised to the workload's largest message, switch buffers unlimited. TCP:
// NewReno on drop-tail ports of --tcpBuffer packets; DCTCP: TcpDctcp with ECN, RED ports
// marking above K = 65 packets at 10 Gbps (scaled for 40 Gbps). Routing sprays Homa packets
// over the spines and hashes TCP connections (HomaFabricRouting).
//
// Metric: slowdown = completion time (message created at the sender to its last byte
// delivered to the receiving application) / the ideal time of that message alone on the idle
// fabric (HomaStats::IdealMessageTime: the last packet stored and forwarded at each further
// link; --ideal=simulator: a full packet, as the paper's simulator). Messages are put in
// ten buckets of equal count by size; the median and 99th percentile of each bucket are
// printed and written to --summary. "Delivered load": message bytes that reached receivers
// in the second half of the arrival window (the first half lets the network fill), as a
// fraction of the bytes of the messages created in that half, times the offered load; a
// transport that keeps up delivers about 1.0 of the offered load, one that falls behind
// less (short windows understate it for workloads with messages of milliseconds). Output also has
// the run's cost (wall time per simulated ms, events and packets per wall second, peak memory),
// which utils/benchmark.sh collects.

#include "ns3/core-module.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-helper.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <fstream>
#include <iomanip>
#include <optional>
#include <sstream>
#include <sys/resource.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HomaDatacenter");

namespace
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
uint8_t
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
        bool wireLoad{false};          //!< the load counts every wire byte (--loadOn=wire)
    };

    /**
     * \param fabric the fabric (configured, not installed)
     * \param config the settings
     */
    Experiment(HomaDatacenterHelper& fabric, const Settings& config)
        : m_fabric(fabric),
          m_config(config)
    {
    }

    /// Load the workload, build everything, draw the schedule.
    void Setup()
    {
        // W1..W5 or a file; --paper draws W1 as the paper's simulator did.
        m_dist.emplace(m_config.paper && m_config.workload == "W1"
                           ? HomaWorkload::SimulatorW1()
                           : HomaWorkload::Load(m_config.workload));
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
        // defaultUnschedBytes, homaTransportConfig.ini: about its 10,000 RTT bytes on the wire).
        m_unschedBytes = m_config.paper ? 9328 : CreateObject<HomaL4Protocol>()->GetUnschedBytes();
        uint32_t unschedBytes = m_unschedBytes;
        m_meanWire = m_dist->Expect([this, unschedBytes](uint32_t size) {
            return m_config.wireLoad
                       ? static_cast<double>(HomaStats::RpcWireBytes(size, unschedBytes, 1))
                       : static_cast<double>(HomaStats::WireBytes(size));
        });

        const std::string& t = m_config.transport;
        if (t == "homa" || t == "udp")
        {
            m_fabric.SetPortQueues(HomaDatacenterHelper::HOMA_PRIORITY);
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
        return m_windowBytes - m_halfBytes;
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
    const HomaWorkload& GetWorkload() const
    {
        return *m_dist;
    }

    /// \return the unscheduled cutoffs Homa uses (empty for TCP and DCTCP)
    const std::string& GetCutoffs() const
    {
        return m_cutoffs;
    }

    /// \return TCP: bytes the senders still hold (0 for Homa)
    uint64_t GetTcpBacklog() const
    {
        uint64_t b = 0;
        for (const auto& app : m_tcpApps)
        {
            b += app->GetBacklog();
        }
        return b;
    }

    /// \return DATA packets (Homa) or TCP segments received by hosts
    uint64_t GetPacketsReceived() const
    {
        return m_packets;
    }

  private:
    void ConfigureTcp(bool dctcp)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
        Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));
        Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
        Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(Seconds(m_config.tcpMinRto)));
        Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(Seconds(m_config.tcpMinRto)));
        m_fabric.SetPortBuffer(QueueSize(QueueSizeUnit::PACKETS, m_config.tcpBuffer));
        if (dctcp)
        {
            Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::HomaTcpDctcp"));
            Config::SetDefault("ns3::TcpSocketBase::UseEcn", StringValue("On"));
            m_fabric.SetPortQueues(HomaDatacenterHelper::RED_ECN);
            m_fabric.SetEcnThreshold(m_config.ecnK);
        }
        else
        {
            m_fabric.SetPortQueues(HomaDatacenterHelper::DROP_TAIL);
        }
    }

    void InstallHoma(uint32_t largest)
    {
        uint8_t sched = SchedLevels(m_config.workload);
        HomaHelper homa;
        homa.SetAttribute("MaxOvercommit", UintegerValue(sched));
        homa.SetAttribute("UnschedBytes", UintegerValue(m_unschedBytes));
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
            Ptr<HomaTcpBaseline> app = CreateObject<HomaTcpBaseline>();
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
        for (uint32_t h = 0; h < m_n; ++h)
        {
            if (m_first[h] < m_first[h + 1])
            {
                Simulator::Schedule(m_messages[m_first[h]].start,
                                    &Experiment::SendNext,
                                    this,
                                    h,
                                    m_first[h]);
            }
        }
        Simulator::Schedule(Seconds(m_config.time / 2), [this]() { m_halfBytes = m_rxBytes; });
        Simulator::Schedule(Seconds(m_config.time), [this]() { m_windowBytes = m_rxBytes; });
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
            m_byRpc[{h, id}] = i;
        }
        else if (m_config.transport == "udp")
        {
            // Datagrams of one host pair stay in order (hashed on one path, FIFO ports), so
            // the receiver counts each message's bytes off the pair's queue.
            m_udpPending[{h, m.dst}].push_back({i, m.size});
            for (uint32_t sent = 0; sent < m.size; sent += UDP_PAYLOAD)
            {
                uint32_t len = std::min(UDP_PAYLOAD, m.size - sent);
                m_udpSockets[h]->SendTo(Create<Packet>(len), 0, InetSocketAddress(dst, UDP_PORT));
            }
        }
        else
        {
            m_byId[{h, m_tcpApps[h]->Send(dst, m.size)}] = i;
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
        auto it = m_byRpc.find({m_hostOf[r.source.Get()], r.rpcId});
        if (it != m_byRpc.end())
        {
            m_messages[it->second].end = r.end;
            m_byRpc.erase(it);
        }
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

    void TcpDelivered(const HomaTcpMessageRecord& r)
    {
        auto it = m_byId.find({m_hostOf[r.source.Get()], r.id});
        if (it != m_byId.end())
        {
            m_messages[it->second].end = r.end;
            m_byId.erase(it);
        }
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
                m_messages[pending.front().first].end = Simulator::Now();
                pending.pop_front();
            }
        }
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

    HomaDatacenterHelper& m_fabric;                          //!< the fabric
    Settings m_config;                                       //!< settings
    std::optional<HomaWorkload> m_dist;                      //!< size distribution
    double m_meanWire{0};                                    //!< mean wire bytes per message
    uint32_t m_unschedBytes{0};                              //!< Homa's UnschedBytes
    double m_meanSize{0};                                    //!< mean message bytes
    uint32_t m_n{0};                                         //!< hosts
    std::map<uint32_t, uint32_t> m_hostOf;                   //!< address -> host
    std::vector<Message> m_messages;                         //!< the schedule
    std::vector<size_t> m_first;                             //!< first message of each host
    std::vector<Ptr<HomaSocket>> m_homaSockets;              //!< Homa senders
    std::vector<Ptr<HomaTcpBaseline>> m_tcpApps;             //!< TCP senders/receivers
    std::map<std::pair<uint32_t, uint64_t>, size_t> m_byRpc; //!< (host, RPC id) -> message
    std::map<std::pair<uint32_t, uint32_t>, size_t> m_byId;  //!< (host, TCP msg id) -> message
    std::vector<Ptr<Socket>> m_udpSockets;                   //!< UDP, per host
    /// UDP: (source, destination) -> messages under way (index, bytes still due), in order
    std::map<std::pair<uint32_t, uint32_t>, std::deque<std::pair<size_t, uint32_t>>> m_udpPending;
    static constexpr uint32_t UDP_PAYLOAD = 1472; //!< UDP: bytes per datagram
    static constexpr uint16_t UDP_PORT = 9100;    //!< UDP: the port
    uint64_t m_rxBytes{0};                        //!< message bytes received so far
    uint64_t m_halfBytes{0};                      //!< ... at half the window
    uint64_t m_windowBytes{0};                    //!< ... at the end of the window
    uint64_t m_packets{0};                        //!< data packets received
    uint64_t m_hostSentBytes{0};                  //!< bytes hosts sent in the window's second half
    std::string m_cutoffs;                        //!< Homa's cutoffs (homa only)
};

/// \return the ns-3 build profile this program was compiled in
const char*
BuildProfile()
{
#if defined(NS3_BUILD_PROFILE_RELEASE)
    return "release";
#elif defined(NS3_BUILD_PROFILE_OPTIMIZED)
    return "optimized";
#else
    return "default";
#endif
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t racks = 9;
    uint32_t hostsPerRack = 16;
    uint32_t spines = 4;
    std::string hostRate = "10Gbps";
    std::string fabricRate = "40Gbps";
    double drain = 0.05;
    std::string csv = "none";
    std::string summary = "none";
    std::string ranges = "none";
    std::string cost = "none";
    std::string pcap;
    std::string pcapHosts = "0";
    bool progress = false;
    std::string switches = "fast";
    std::string queues = "auto";
    std::string idealModel = "pipelined";
    std::string loadOn = "messages";
    Experiment::Settings c;

    // A binary heap orders this simulation's events faster than ns-3's default map (same
    // order: events are sorted by time, then by insertion); --SchedulerType overrides.
    GlobalValue::Bind("SchedulerType", TypeIdValue(HeapScheduler::GetTypeId()));
    CommandLine cmd(__FILE__);
    cmd.AddValue("transport",
                 "homa, tcp (NewReno, drop-tail), dctcp (ECN marking) or udp (plain datagrams, "
                 "the benchmark's floor)",
                 c.transport);
    cmd.AddValue("racks", "racks (ToR switches)", racks);
    cmd.AddValue("hostsPerRack", "hosts per rack", hostsPerRack);
    cmd.AddValue("spines", "spine switches", spines);
    cmd.AddValue("queues",
                 "port queues: device (the devices' own queues, fastest), qdisc (a queue disc "
                 "per port) or auto (device, but qdisc for dctcp, whose RED marks in one)",
                 queues);
    cmd.AddValue("switches",
                 "fast (HomaFabricSwitch, forwarding below IP) or ip (ns-3 IP routers)",
                 switches);
    cmd.AddValue("hostRate", "host link rate", hostRate);
    cmd.AddValue("fabricRate", "ToR-spine link rate", fabricRate);
    cmd.AddValue("workload", "W1..W5 (shipped) or the path of a CDF file", c.workload);
    cmd.AddValue("load", "offered load per host, fraction of the host link rate", c.load);
    cmd.AddValue("time", "seconds during which messages arrive", c.time);
    cmd.AddValue("drain", "seconds after that for the last messages to arrive", drain);
    cmd.AddValue("tcpBuffer", "tcp/dctcp: packets each switch port holds", c.tcpBuffer);
    cmd.AddValue("ecnK", "dctcp: marking threshold K in packets at 10 Gbps", c.ecnK);
    cmd.AddValue("tcpMinRto", "tcp/dctcp: minimum retransmission timeout, seconds", c.tcpMinRto);
    cmd.AddValue("csv", "CSV file of every message (none: no file)", csv);
    cmd.AddValue("summary", "CSV file of the per-bucket results (none: no file)", summary);
    cmd.AddValue("ranges",
                 "CSV file of the results per size range of about 1 % of the messages, as the "
                 "paper's figures bin them (none: no file)",
                 ranges);
    cmd.AddValue("pcap",
                 "capture the NICs of --pcapHosts into PREFIX-<node>-1.pcap (empty: none)",
                 pcap);
    cmd.AddValue("pcapHosts", "comma-separated host indices to capture with --pcap", pcapHosts);
    cmd.AddValue("cost",
                 "CSV file of the run's cost: wall time, events, packets, memory (none: no file)",
                 cost);
    cmd.AddValue("ideal",
                 "the slowdown's ideal time: pipelined (the last packet stored and forwarded "
                 "at each further link) or simulator (a full packet, as the paper's simulator)",
                 idealModel);
    cmd.AddValue("loadOn",
                 "what the load counts: messages (each message's DATA packets with their "
                 "headers) or wire (every byte its RPC puts on host links: grants and the "
                 "response too)",
                 loadOn);
    cmd.AddValue("paper",
                 "the Homa paper simulator's settings where they differ from Linux: its ideal "
                 "time (--ideal=simulator), its load over all wire bytes (--loadOn=wire), its "
                 "9328 unscheduled bytes, its W1 (HomaWorkload::SimulatorW1) and its graduated "
                 "unscheduled priorities with the tail boost (HomaHelper::SetGraduatedPriorities)",
                 c.paper);
    cmd.AddValue("seed", "run number (RngRun) of the random streams", c.seed);
    cmd.AddValue("progress", "print the simulation's progress (ShowProgress)", progress);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_UNLESS(c.transport == "homa" || c.transport == "tcp" || c.transport == "dctcp" ||
                            c.transport == "udp",
                        "--transport is homa, tcp, dctcp or udp");
    NS_ABORT_MSG_UNLESS(c.load > 0 && c.load < 1.5,
                        "--load is a fraction of the link rate, e.g. 0.5");
    RngSeedManager::SetRun(c.seed);

    HomaDatacenterHelper fabric;
    fabric.SetRacks(racks);
    fabric.SetHostsPerRack(hostsPerRack);
    fabric.SetSpines(spines);
    NS_ABORT_MSG_UNLESS(switches == "fast" || switches == "ip", "--switches is fast or ip");
    fabric.SetSwitches(switches == "fast" ? HomaDatacenterHelper::FAST
                                          : HomaDatacenterHelper::IP_ROUTER);
    if (queues == "auto")
    {
        queues = c.transport == "dctcp" ? "qdisc" : "device";
    }
    NS_ABORT_MSG_UNLESS(queues == "qdisc" || queues == "device",
                        "--queues is auto, qdisc or device");
    if (c.paper)
    {
        idealModel = "simulator";
        loadOn = "wire";
    }
    NS_ABORT_MSG_UNLESS(loadOn == "messages" || loadOn == "wire", "--loadOn is messages or wire");
    c.wireLoad = loadOn == "wire";
    NS_ABORT_MSG_UNLESS(idealModel == "pipelined" || idealModel == "simulator",
                        "--ideal is pipelined or simulator");
    HomaStats::IdealModel model =
        idealModel == "simulator" ? HomaStats::SIMULATOR : HomaStats::PIPELINED;
    NS_ABORT_MSG_IF(queues == "device" && c.transport == "dctcp",
                    "--transport=dctcp needs --queues=qdisc (RED marks in a queue disc)");
    fabric.SetQueueLayer(queues == "device" ? HomaDatacenterHelper::DEVICE_QUEUES
                                            : HomaDatacenterHelper::QUEUE_DISCS);
    fabric.SetHostRate(DataRate(hostRate));
    fabric.SetFabricRate(DataRate(fabricRate));
    Experiment exp(fabric, c);
    exp.Setup();
    uint32_t n = fabric.GetNHosts();
    if (!pcap.empty())
    {
        // Every packet a host sends or receives, at its NIC (device 1; 0 is the loopback).
        PointToPointHelper capture;
        std::istringstream list(pcapHosts);
        std::string item;
        while (std::getline(list, item, ','))
        {
            uint32_t h = std::stoul(item);
            NS_ABORT_MSG_UNLESS(h < n, "--pcapHosts: host " << h << " of " << n);
            capture.EnablePcap(pcap, fabric.GetHosts().Get(h)->GetDevice(1), false);
        }
    }

    std::unique_ptr<ShowProgress> show;
    if (progress)
    {
        show = std::make_unique<ShowProgress>(Seconds(1), std::cerr);
    }
    auto wallStart = std::chrono::steady_clock::now();
    Simulator::Stop(Seconds(c.time + drain));
    Simulator::Run();
    double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    uint64_t events = Simulator::GetEventCount();

    const std::vector<Message>& msgs = exp.GetMessages();
    DataRate hr = fabric.GetHostRate();
    DataRate fr = fabric.GetFabricRate();
    Time dh = fabric.GetHostLinkDelay();
    Time df = fabric.GetFabricLinkDelay();
    std::vector<double> slowdown(msgs.size(), -1);
    uint64_t delivered = 0;
    Time lastEnd;
    std::ofstream out;
    if (csv != "none")
    {
        out.open(csv);
        out << "transport,src,dst,size_bytes,start_us,end_us,completion_us,ideal_us,slowdown\n";
    }
    for (size_t i = 0; i < msgs.size(); ++i)
    {
        const Message& m = msgs[i];
        bool sameRack = fabric.GetRack(m.src) == fabric.GetRack(m.dst);
        Time ideal = sameRack ? HomaStats::IdealMessageTime(m.size, {hr, hr}, {dh, dh}, 1500, model)
                              : HomaStats::IdealMessageTime(m.size,
                                                            {hr, fr, fr, hr},
                                                            {dh, df, df, dh},
                                                            1500,
                                                            model);
        if (m.end >= Time(0))
        {
            ++delivered;
            slowdown[i] = (m.end - m.start).GetSeconds() / ideal.GetSeconds();
            lastEnd = std::max(lastEnd, m.end);
        }
        if (out.is_open())
        {
            out << c.transport << "," << m.src << "," << m.dst << "," << m.size << ","
                << m.start.GetNanoSeconds() / 1e3 << ","
                << (m.end >= Time(0) ? m.end.GetNanoSeconds() / 1e3 : -1) << ","
                << (m.end >= Time(0) ? (m.end - m.start).GetNanoSeconds() / 1e3 : -1) << ","
                << ideal.GetNanoSeconds() / 1e3 << "," << slowdown[i] << "\n";
        }
    }
    double offered = static_cast<double>(exp.GetOfferedBytes());
    double ratio = offered > 0 ? exp.GetWindowBytes() / offered : 0;
    std::ofstream sum;
    if (summary != "none")
    {
        sum.open(summary);
        sum << "transport,workload,load,hosts,bucket,cum_fraction,max_size,messages,"
               "delivered,p50,p99,delivered_load,unfinished\n";
    }

    std::cout << std::fixed << std::setprecision(3);
    std::cout << "homa-datacenter: " << c.transport << ", " << n << " hosts (" << racks << " x "
              << hostsPerRack << ", " << spines << " spines), workload " << c.workload << ", load "
              << c.load << ", " << c.time * 1e3 << " ms of arrivals\n";
    if (!exp.GetCutoffs().empty())
    {
        std::cout << "  Homa: " << +SchedLevels(c.workload)
                  << " scheduled levels (overcommitment), cutoffs " << exp.GetCutoffs() << "\n";
    }
    std::cout << "  messages " << msgs.size() << ", delivered " << delivered << ", unfinished "
              << msgs.size() - delivered << " (after " << drain * 1e3 << " ms more)";
    if (c.transport == "tcp" || c.transport == "dctcp")
    {
        std::cout << ", bytes still held by TCP senders " << exp.GetTcpBacklog();
    }
    std::cout << "\n";
    std::cout << "  delivered load " << ratio * c.load << " of each host link (offered " << c.load
              << " counted over " << (c.wireLoad ? "every wire byte" : "message bytes")
              << "; in the second half of the arrival window receivers got " << 100 * ratio
              << " % of the bytes offered in it); hosts sent " << exp.GetMeasuredHostLoad()
              << " of their links' capacity then\n";
    std::cout << "  slowdown by size (10 buckets of equal message count):\n"
              << "    bucket  max size (B)      p50      p99\n";
    // Slowdowns, buckets of equal count by size (ties broken by schedule order).
    std::vector<uint32_t> sizes;
    for (const Message& m : msgs)
    {
        sizes.push_back(m.size);
    }
    double shortP99 = 0;
    for (const HomaSlowdownBucket& b : HomaStats::SlowdownBuckets(sizes, slowdown, 10))
    {
        shortP99 = b.index == 0 ? b.p99 : shortP99;
        std::cout << "    " << std::setw(6) << b.index << "  " << std::setw(12) << b.maxSize << "  "
                  << std::setw(7) << std::setprecision(2) << b.p50 << "  " << std::setw(7) << b.p99
                  << std::setprecision(3) << "\n";
        if (sum.is_open())
        {
            sum << c.transport << "," << c.workload << "," << c.load << "," << n << "," << b.index
                << "," << b.cumFraction << "," << b.maxSize << "," << b.messages << ","
                << b.delivered << "," << b.p50 << "," << b.p99 << "," << ratio * c.load << ","
                << msgs.size() - delivered << "\n";
        }
    }
    std::cout << "  short messages (smallest 10 %): p99 slowdown " << std::setprecision(2)
              << shortP99 << std::setprecision(3) << "\n";
    // The paper's binning: size ranges of about 1 % of the workload's messages each.
    std::vector<HomaSlowdownBucket> perRange =
        HomaStats::RangeSlowdowns(sizes, slowdown, exp.GetWorkload().SizeRanges(0.01));
    size_t fewest = SIZE_MAX;
    for (const HomaSlowdownBucket& r : perRange)
    {
        fewest = std::min(fewest, r.messages);
    }
    std::cout << "  size ranges of ~1 % (the paper's bins): " << perRange.size()
              << " with messages, the fewest holding " << (perRange.empty() ? 0 : fewest)
              << " (the paper's figures need >= 100 each)\n";
    if (ranges != "none")
    {
        std::ofstream out(ranges);
        out << "transport,workload,load,hosts,range,cum_fraction,max_size,messages,delivered,p50,"
               "p99\n";
        for (const HomaSlowdownBucket& r : perRange)
        {
            out << c.transport << "," << c.workload << "," << c.load << "," << n << "," << r.index
                << "," << r.cumFraction << "," << r.maxSize << "," << r.messages << ","
                << r.delivered << "," << r.p50 << "," << r.p99 << "\n";
        }
    }
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    // Simulated time: until the last delivery (the Stop event comes later).
    double simulated = std::max(lastEnd.GetSeconds(), c.time);
    std::cout << "  cost (" << BuildProfile() << " profile): wall " << wall << " s for "
              << simulated * 1e3
              << " simulated ms = " << (simulated > 0 ? wall / (simulated * 1e3) : 0)
              << " wall s per simulated ms\n";
    std::cout << "        " << events << " events, " << std::setprecision(0) << events / wall
              << " events per wall second, " << exp.GetPacketsReceived() / wall
              << " data packets delivered per wall second\n";
    std::cout << "        peak memory " << usage.ru_maxrss / 1024 << " MiB\n";
    if (cost != "none")
    {
        // Machine-readable, for utils/benchmark.sh.
        std::ofstream out(cost);
        out << "transport,workload,load,hosts,switches,profile,simulated_ms,wall_s,"
               "wall_s_per_simulated_ms,events,events_per_wall_s,data_packets_per_wall_s,"
               "peak_mib,messages,delivered,data_packets\n";
        out << std::fixed << std::setprecision(6) << c.transport << "," << c.workload << ","
            << c.load << "," << n << "," << switches << "," << BuildProfile() << ","
            << simulated * 1e3 << "," << wall << ","
            << (simulated > 0 ? wall / (simulated * 1e3) : 0) << "," << events << ","
            << std::setprecision(0) << events / wall << "," << exp.GetPacketsReceived() / wall
            << "," << usage.ru_maxrss / 1024 << "," << msgs.size() << "," << delivered << ","
            << exp.GetPacketsReceived() << "\n";
    }
    Simulator::Destroy();
    return delivered == msgs.size() ? 0 : 1;
}
