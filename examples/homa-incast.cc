/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-incast: N senders under one ToR switch send a message each to one receiver at
// the same moment (the classic incast), for a number of rounds. Homa's receiver grants
// the messages in SRPT order, and the switch's strict priority queues keep the shortest
// ones ahead. Prints a summary, writes a CSV of every message and a gnuplot script of
// completion time against message size.
//
//   ./ns3 run "homa-incast --senders=32 --size=100000 --rounds=3"
//
// Topology:   sender 0 ...
//             sender 1 ---- ToR switch ---- receiver
//             sender N ...
//
// Every link runs at --rate with --delay; every device (switch egress and host NICs)
// has a HomaPriorityQueueDisc of --buffer packets. --priorities=false makes all Homa
// packets use one priority level.

#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <map>
#include <numeric>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HomaIncast");

namespace
{

/// One message of the experiment.
struct MessageRecord
{
    uint32_t sender;  //!< sender index
    uint32_t round;   //!< round number
    uint32_t size;    //!< request bytes
    Time start;       //!< handed to Homa at the sender
    Time end;         //!< fully received at the receiver
    bool done{false}; //!< completed
};

/// The experiment's bookkeeping: one socket per sender, one at the receiver.
class Incast
{
  public:
    Incast(uint32_t senders, uint32_t rounds, uint32_t size)
        : m_rounds(rounds),
          m_size(size),
          m_senders(senders)
    {
    }

    void Setup(NodeContainer& hosts, Ipv4Address receiverAddress)
    {
        m_receiver = DynamicCast<HomaSocket>(
            Socket::CreateSocket(hosts.Get(m_senders), HomaSocketFactory::GetTypeId()));
        m_receiver->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        m_receiver->SetRecvCallback(MakeCallback(&Incast::OnRequest, this));
        m_receiverAddress = receiverAddress;
        for (uint32_t i = 0; i < m_senders; ++i)
        {
            Ptr<HomaSocket> s = DynamicCast<HomaSocket>(
                Socket::CreateSocket(hosts.Get(i), HomaSocketFactory::GetTypeId()));
            s->Bind();
            s->SetRecvCallback(MakeCallback(&Incast::OnResponse, this));
            m_sockets.push_back(s);
            m_senderOf[s] = i;
        }
    }

    void Start()
    {
        for (uint32_t i = 0; i < m_senders; ++i)
        {
            Send(i, 0);
        }
    }

    const std::vector<MessageRecord>& Records() const
    {
        return m_records;
    }

    uint32_t Aborted() const
    {
        return m_aborted;
    }

  private:
    static constexpr uint16_t kPort = 4000;

    void Send(uint32_t sender, uint32_t round)
    {
        Ptr<Packet> msg = Create<Packet>(m_size);
        uint64_t id =
            m_sockets[sender]->SendRequest(msg, InetSocketAddress(m_receiverAddress, kPort));
        NS_ABORT_MSG_IF(id == 0, "SendRequest failed: " << m_sockets[sender]->GetErrno());
        m_records.push_back({sender, round, m_size, Simulator::Now(), Time(), false});
        m_index[{sender, id}] = m_records.size() - 1;
    }

    void OnRequest(Ptr<Socket>)
    {
        HomaSocket::MessageInfo info;
        while (m_receiver->RecvMessage(info))
        {
            // Completion of the request message; answer with one byte to end the RPC.
            m_arrivals[{info.peer.GetIpv4().Get(), info.rpcId ^ 1}] = Simulator::Now();
            m_receiver->SendResponse(Create<Packet>(1), info.peer, info.rpcId);
        }
    }

    void OnResponse(Ptr<Socket> s)
    {
        Ptr<HomaSocket> socket = DynamicCast<HomaSocket>(s);
        uint32_t sender = m_senderOf[socket];
        HomaSocket::MessageInfo info;
        while (true)
        {
            Ptr<Packet> p = socket->RecvMessage(info);
            if (info.rpcId == 0)
            {
                break;
            }
            MessageRecord& r = m_records[m_index[{sender, info.rpcId}]];
            if (info.error != HomaRpcError::NONE)
            {
                ++m_aborted;
            }
            else
            {
                Ipv4Address local = GetAddress(socket);
                r.end = m_arrivals[{local.Get(), info.rpcId}];
                r.done = true;
            }
            if (r.round + 1 < m_rounds)
            {
                Send(sender, r.round + 1);
            }
        }
    }

    static Ipv4Address GetAddress(Ptr<Socket> s)
    {
        return s->GetNode()->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    }

    uint32_t m_rounds;
    uint32_t m_size;
    uint32_t m_senders;
    Ptr<HomaSocket> m_receiver;
    Ipv4Address m_receiverAddress;
    std::vector<Ptr<HomaSocket>> m_sockets;
    std::map<Ptr<HomaSocket>, uint32_t> m_senderOf;
    std::vector<MessageRecord> m_records;
    std::map<std::pair<uint32_t, uint64_t>, size_t> m_index;
    std::map<std::pair<uint32_t, uint64_t>, Time> m_arrivals;
    uint32_t m_aborted{0};
};

/// Percentile of sorted values (nearest rank).
double
Percentile(const std::vector<double>& sorted, double p)
{
    if (sorted.empty())
    {
        return 0;
    }
    size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * sorted.size()));
    return sorted[std::min(sorted.size(), std::max<size_t>(rank, 1)) - 1];
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t senders = 32;
    uint32_t size = 100000;
    uint32_t rounds = 3;
    std::string rate = "10Gbps";
    std::string delay = "1us";
    uint32_t buffer = 1000;
    bool priorities = true;
    std::string csv = "homa-incast.csv";
    std::string plot = "homa-incast";

    CommandLine cmd(__FILE__);
    cmd.AddValue("senders", "number of senders", senders);
    cmd.AddValue("size", "message size in bytes (1..1000000)", size);
    cmd.AddValue("rounds", "messages per sender, each sent when the previous completes", rounds);
    cmd.AddValue("rate", "rate of every link", rate);
    cmd.AddValue("delay", "propagation delay of every link", delay);
    cmd.AddValue("buffer", "packets per queue disc (switch ports and NICs)", buffer);
    cmd.AddValue("priorities", "use Homa's 8 priority levels (false: one level)", priorities);
    cmd.AddValue("csv", "CSV file of every message (none: no file)", csv);
    cmd.AddValue("plot", "prefix of the gnuplot script and PNG (none: no plot)", plot);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_UNLESS(senders >= 1, "--senders must be at least 1");
    NS_ABORT_MSG_UNLESS(size >= 1 && size <= 1000000, "--size must be 1..1000000 bytes");

    NodeContainer hosts;
    hosts.Create(senders + 1); // the last host receives
    Ptr<Node> tor = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(hosts);
    internet.Install(tor);
    HomaHelper homa;
    if (!priorities)
    {
        homa.SetAttribute("NumPriorities", UintegerValue(1));
    }
    homa.Install(hosts);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", StringValue(delay));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("2p"));
    TrafficControlHelper tch;
    tch.SetRootQueueDisc("ns3::HomaPriorityQueueDisc",
                         "MaxSize",
                         QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, buffer)),
                         "BandMaxSize",
                         QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, buffer)));
    Ipv4AddressHelper ipv4;
    std::vector<Ipv4Address> addresses;
    QueueDiscContainer torPorts;
    for (uint32_t i = 0; i <= senders; ++i)
    {
        NetDeviceContainer link = p2p.Install(hosts.Get(i), tor);
        QueueDiscContainer qds = tch.Install(link);
        torPorts.Add(qds.Get(1));
        std::ostringstream net;
        net << "10." << (i / 256) << "." << (i % 256) << ".0";
        ipv4.SetBase(net.str().c_str(), "255.255.255.0");
        addresses.push_back(ipv4.Assign(link).GetAddress(0));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    Incast incast(senders, rounds, size);
    incast.Setup(hosts, addresses[senders]);
    Simulator::Schedule(MicroSeconds(10), &Incast::Start, &incast);
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    // Summary.
    DataRate linkRate(rate);
    Time linkDelay(delay);
    uint32_t maxPayload = 1500 - 20 - 56;
    uint32_t packets = (size + maxPayload - 1) / maxPayload;
    uint64_t wireBytes = uint64_t(size) + uint64_t(packets) * (20 + 56 + 2);
    // Alone on an idle network: serialize the message once, one packet store-and-forward at
    // the switch, two propagation delays.
    Time ideal = linkRate.CalculateBytesTxTime(wireBytes) +
                 linkRate.CalculateBytesTxTime(std::min(size, maxPayload) + 78) + 2 * linkDelay;
    std::vector<double> fct;
    std::vector<double> slowdown;
    Time lastEnd;
    for (const auto& r : incast.Records())
    {
        if (r.done)
        {
            double t = (r.end - r.start).GetSeconds();
            fct.push_back(t * 1e6);
            slowdown.push_back(t / ideal.GetSeconds());
            lastEnd = std::max(lastEnd, r.end);
        }
    }
    std::sort(fct.begin(), fct.end());
    std::sort(slowdown.begin(), slowdown.end());
    uint64_t total = uint64_t(senders) * rounds;
    Ptr<HomaL4Protocol> rx = hosts.Get(senders)->GetObject<HomaL4Protocol>();
    double goodput = lastEnd > Seconds(0) ? rx->GetMetrics().receivedMsgBytes * 8.0 /
                                                (lastEnd - MicroSeconds(10)).GetSeconds()
                                          : 0;
    Ptr<HomaPriorityQueueDisc> down = DynamicCast<HomaPriorityQueueDisc>(torPorts.Get(senders));

    std::cout << std::fixed << std::setprecision(1);
    std::cout << "homa-incast: " << senders << " senders -> 1 receiver, " << size << " B x "
              << rounds << " rounds, " << rate << " links, priorities "
              << (priorities ? "on" : "off") << "\n";
    std::cout << "  messages completed   " << fct.size() << " / " << total << "\n";
    std::cout << "  messages lost        " << total - fct.size() - incast.Aborted() << "\n";
    std::cout << "  messages aborted     " << incast.Aborted() << "\n";
    std::cout << "  completion time (us) p50 " << Percentile(fct, 50) << "  p99 "
              << Percentile(fct, 99) << "  max " << (fct.empty() ? 0 : fct.back()) << "\n";
    std::cout << std::setprecision(2);
    std::cout << "  slowdown             p50 " << Percentile(slowdown, 50) << "  p99 "
              << Percentile(slowdown, 99) << "  max " << (slowdown.empty() ? 0 : slowdown.back())
              << "  (ideal " << ideal.GetMicroSeconds() << " us)\n";
    std::cout << "  receiver goodput     " << goodput / 1e9 << " Gbps ("
              << 100.0 * goodput / linkRate.GetBitRate() << " % of the link)\n";
    std::cout << "  ToR->receiver drops  ";
    for (int p = 7; p >= 0; --p)
    {
        std::cout << "p" << p << "=" << down->GetDrops(p) << (p ? " " : "\n");
    }
    const HomaMetrics& m = rx->GetMetrics();
    std::cout << "  receiver packets     DATA "
              << m.packetsRcvd[HomaCommonHeader::DATA - HomaCommonHeader::TYPE_FIRST]
              << ", GRANTs sent "
              << m.packetsSent[HomaCommonHeader::GRANT - HomaCommonHeader::TYPE_FIRST]
              << ", RESENDs sent "
              << m.packetsSent[HomaCommonHeader::RESEND - HomaCommonHeader::TYPE_FIRST] << "\n";

    if (csv != "none")
    {
        std::ofstream out(csv);
        out << "sender,round,size_bytes,start_us,end_us,completion_us,slowdown,completed\n";
        for (const auto& r : incast.Records())
        {
            double t = r.done ? (r.end - r.start).GetMicroSeconds() : 0;
            out << r.sender << "," << r.round << "," << r.size << "," << r.start.GetMicroSeconds()
                << "," << (r.done ? r.end.GetMicroSeconds() : 0) << "," << t << ","
                << (r.done ? t / ideal.GetMicroSeconds() : 0) << "," << (r.done ? 1 : 0) << "\n";
        }
        std::cout << "  wrote " << csv << "\n";
    }
    if (plot != "none")
    {
        Gnuplot gp(plot + ".png", "Homa incast: completion time of each message");
        gp.SetTerminal("png size 800,500");
        gp.SetLegend("message (sender, round) in completion order", "completion time (us)");
        Gnuplot2dDataset data("completion time");
        data.SetStyle(Gnuplot2dDataset::POINTS);
        for (size_t k = 0; k < fct.size(); ++k)
        {
            data.Add(k, fct[k]);
        }
        gp.AddDataset(data);
        std::ofstream out(plot + ".plt");
        gp.GenerateOutput(out);
        std::cout << "  wrote " << plot << ".plt (gnuplot " << plot << ".plt makes " << plot
                  << ".png)\n";
    }
    Simulator::Destroy();
    return 0;
}
