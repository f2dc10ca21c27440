/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-incast: N senders under one or more ToR switches each send a request to one
// receiver at the same moment (the classic incast), for a number of rounds; a sender's
// next request leaves when its previous one has been answered (with one byte). With
// --transport=tcp the same messages go over ns-3's TCP on the same topology, one
// connection per sender, each message framed by a 4-byte length.
//
//   ./ns3 run "homa-incast --senders=32 --rounds=3"
//   ./ns3 run "homa-incast --senders=32 --rounds=3 --transport=tcp"
//
// Topology (racks = 2):
//
//   senders 0, 2, 4, ... --- ToR 0 --- receiver           (host links: --rate, --delay)
//                              |
//                            spine                         (uplinks: --uplinkRate)
//                              |
//   senders 1, 3, 5, ... --- ToR 1
//
// Every device (switch ports and host NICs) has a HomaPriorityQueueDisc of --buffer
// packets; Homa marks its packets with 8 priority levels (one with --priorities=false),
// TCP uses level 0, so for TCP the queue disc is one FIFO.
//
// Output: a summary (messages completed, lost and aborted; completion time and slowdown
// percentiles; receiver goodput and link utilization; drops per priority), a CSV of every
// message (--csv) and a gnuplot script of completion time against message size (--plot),
// turned into a PNG when gnuplot is installed.
//
// Completion time: from handing the request to the transport to receiving the one-byte
// reply. Slowdown: completion time divided by the same RPC's time alone on the idle
// network (serialization of every packet with its headers, store-and-forward of one
// packet at each switch, propagation, and the reply).

#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HomaIncast");

namespace
{

/// One message of the experiment.
struct Message
{
    uint32_t sender;    //!< sender index
    uint32_t round;     //!< round number
    uint32_t size;      //!< request bytes
    Time start;         //!< handed to the transport
    Time end;           //!< reply received
    bool done{false};   //!< completed
    bool failed{false}; //!< aborted by the transport
};

/// Sizes of each sender's requests: one fixed size, a list (sender i uses entry i mod n), or
/// a distribution.
struct SizeSource
{
    std::vector<uint32_t> list;         //!< fixed sizes
    Ptr<RandomVariableStream> variable; //!< or a distribution

    uint32_t Draw(uint32_t sender)
    {
        if (variable)
        {
            return std::max<uint32_t>(1, std::min<uint32_t>(1000000, variable->GetInteger()));
        }
        return list[sender % list.size()];
    }
};

/// TCP side of the experiment: one connection per sender, length-prefixed messages.
class TcpIncast
{
  public:
    TcpIncast(std::vector<Message>* messages, SizeSource* sizes, uint32_t rounds)
        : m_messages(messages),
          m_sizes(sizes),
          m_rounds(rounds)
    {
    }

    void Setup(NodeContainer senders, Ptr<Node> receiver, Ipv4Address receiverAddress)
    {
        m_listener = Socket::CreateSocket(receiver, TcpSocketFactory::GetTypeId());
        m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        m_listener->Listen();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeCallback(&TcpIncast::Accept, this));
        for (uint32_t i = 0; i < senders.GetN(); ++i)
        {
            Ptr<Socket> s = Socket::CreateSocket(senders.Get(i), TcpSocketFactory::GetTypeId());
            s->Bind();
            s->SetConnectCallback(MakeCallback(&TcpIncast::Connected, this),
                                  MakeNullCallback<void, Ptr<Socket>>());
            s->SetRecvCallback(MakeCallback(&TcpIncast::ReplyArrived, this));
            s->SetSendCallback(MakeCallback(&TcpIncast::Writable, this));
            m_senders.push_back(s);
            m_index[s] = i;
            m_toSend[s] = 0;
            m_address = receiverAddress;
        }
    }

    /// Connect everybody; the first messages leave together once all are connected.
    void Start()
    {
        for (auto& s : m_senders)
        {
            s->Connect(InetSocketAddress(m_address, kPort));
        }
    }

  private:
    static constexpr uint16_t kPort = 5000;

    void Connected(Ptr<Socket> s)
    {
        if (++m_connected == m_senders.size())
        {
            for (auto& sender : m_senders)
            {
                SendMessage(sender, 0);
            }
        }
    }

    void SendMessage(Ptr<Socket> s, uint32_t round)
    {
        uint32_t i = m_index[s];
        uint32_t size = m_sizes->Draw(i);
        m_current[s] = m_messages->size();
        m_messages->push_back({i, round, size, Simulator::Now(), Time(), false, false});
        uint8_t prefix[4] = {uint8_t(size >> 24),
                             uint8_t(size >> 16),
                             uint8_t(size >> 8),
                             uint8_t(size)};
        s->Send(Create<Packet>(prefix, 4));
        m_toSend[s] = size;
        Writable(s, s->GetTxAvailable());
    }

    void Writable(Ptr<Socket> s, uint32_t available)
    {
        uint32_t& left = m_toSend[s];
        while (left > 0 && s->GetTxAvailable() > 0)
        {
            uint32_t chunk = std::min(left, s->GetTxAvailable());
            int sent = s->Send(Create<Packet>(chunk));
            if (sent <= 0)
            {
                break;
            }
            left -= sent;
        }
    }

    bool Accept(Ptr<Socket> s, const Address&)
    {
        s->SetRecvCallback(MakeCallback(&TcpIncast::DataArrived, this));
        m_rx[s] = RxState();
        return true;
    }

    /// Receiver: count bytes of the current message; reply with one byte when it is complete.
    void DataArrived(Ptr<Socket> s)
    {
        RxState& st = m_rx[s];
        while (Ptr<Packet> p = s->Recv())
        {
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            size_t pos = 0;
            while (pos < bytes.size())
            {
                if (st.headerBytes < 4)
                {
                    st.length = (st.length << 8) | bytes[pos++];
                    if (++st.headerBytes == 4)
                    {
                        st.left = st.length;
                    }
                    continue;
                }
                uint32_t take = std::min<uint32_t>(st.left, bytes.size() - pos);
                st.left -= take;
                pos += take;
                if (st.left == 0)
                {
                    s->Send(Create<Packet>(1));
                    st = RxState();
                }
            }
        }
    }

    /// Sender: the one-byte reply ends the message; start the next round.
    void ReplyArrived(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            for (uint32_t k = 0; k < p->GetSize(); ++k)
            {
                Message& m = (*m_messages)[m_current[s]];
                m.end = Simulator::Now();
                m.done = true;
                if (m.round + 1 < m_rounds)
                {
                    SendMessage(s, m.round + 1);
                }
            }
        }
    }

    /// Receiver state of one connection.
    struct RxState
    {
        uint32_t headerBytes{0}; //!< bytes of the length prefix read
        uint32_t length{0};      //!< message length
        uint32_t left{0};        //!< bytes still to come
    };

    std::vector<Message>* m_messages;
    SizeSource* m_sizes;
    uint32_t m_rounds;
    Ipv4Address m_address;
    Ptr<Socket> m_listener;
    std::vector<Ptr<Socket>> m_senders;
    std::map<Ptr<Socket>, uint32_t> m_index;
    std::map<Ptr<Socket>, uint32_t> m_toSend;
    std::map<Ptr<Socket>, size_t> m_current;
    std::map<Ptr<Socket>, RxState> m_rx;
    uint32_t m_connected{0};
};

/// Bytes received by the receiver's NIC.
void
CountRx(uint64_t* bytes, Ptr<const Packet> p)
{
    *bytes += p->GetSize();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t senders = 32;
    uint32_t racks = 1;
    uint32_t size = 0;
    std::string sizeList = "2000,20000,200000,500000";
    std::string workload;
    uint32_t rounds = 3;
    std::string rate = "10Gbps";
    std::string uplinkRate = "40Gbps";
    std::string delay = "1us";
    uint32_t buffer = 1000;
    bool priorities = true;
    std::string transport = "homa";
    std::string csv = "homa-incast.csv";
    std::string plot = "homa-incast";
    double maxTime = 10;
    bool progress = true;

    CommandLine cmd(__FILE__);
    cmd.AddValue("senders", "number of senders", senders);
    cmd.AddValue("racks",
                 "ToR switches; the senders are spread over them, the receiver is in rack 0",
                 racks);
    cmd.AddValue("size", "one message size in bytes for every sender (0: use --sizes)", size);
    cmd.AddValue("sizes", "comma-separated sizes; sender i sends sizes[i mod n]", sizeList);
    cmd.AddValue(
        "workload",
        "file of a message-size CDF (first line mean, then 'size cdf'); overrides the sizes",
        workload);
    cmd.AddValue("rounds", "messages per sender, each sent when the previous is answered", rounds);
    cmd.AddValue("rate", "rate of the host links", rate);
    cmd.AddValue("uplinkRate", "rate of the ToR-spine links (racks > 1)", uplinkRate);
    cmd.AddValue("delay", "propagation delay of every link", delay);
    cmd.AddValue("buffer", "packets per queue disc (switch ports and NICs)", buffer);
    cmd.AddValue("priorities", "Homa: use 8 priority levels (false: one level)", priorities);
    cmd.AddValue("transport", "homa or tcp", transport);
    cmd.AddValue("csv", "CSV file of every message (none: no file)", csv);
    cmd.AddValue("plot", "prefix of the gnuplot script and PNG (none: no plot)", plot);
    cmd.AddValue("maxTime", "simulated seconds at most", maxTime);
    cmd.AddValue("progress", "print simulation progress every wall-clock second", progress);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_UNLESS(senders >= 1 && racks >= 1 && rounds >= 1,
                        "--senders, --racks and --rounds must be at least 1");
    NS_ABORT_MSG_UNLESS(transport == "homa" || transport == "tcp", "--transport is homa or tcp");
    NS_ABORT_MSG_UNLESS(size <= 1000000, "--size must be at most 1000000 bytes (a Homa message)");

    SizeSource sizes;
    if (!workload.empty())
    {
        sizes.variable = HomaWorkload::Load(workload).MakeRandomVariable();
    }
    else if (size > 0)
    {
        sizes.list = {size};
    }
    else
    {
        std::istringstream in(sizeList);
        std::string item;
        while (std::getline(in, item, ','))
        {
            uint32_t s = std::stoul(item);
            NS_ABORT_MSG_UNLESS(s >= 1 && s <= 1000000, "--sizes entries must be 1..1000000");
            sizes.list.push_back(s);
        }
        NS_ABORT_MSG_IF(sizes.list.empty(), "--sizes is empty");
    }

    // Nodes: senders, then the receiver; ToRs; a spine if there are several racks.
    NodeContainer hosts;
    hosts.Create(senders + 1);
    NodeContainer tors;
    tors.Create(racks);
    Ptr<Node> spine = racks > 1 ? CreateObject<Node>() : nullptr;
    InternetStackHelper internet;
    internet.Install(hosts);
    internet.Install(tors);
    if (spine)
    {
        internet.Install(spine);
    }
    if (transport == "homa")
    {
        HomaHelper homa;
        homa.SetAttribute("NumPriorities", UintegerValue(priorities ? 8 : 1));
        homa.Install(hosts);
    }
    else
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
        Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));
    }

    PointToPointHelper hostLink;
    hostLink.SetDeviceAttribute("DataRate", StringValue(rate));
    hostLink.SetChannelAttribute("Delay", StringValue(delay));
    hostLink.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("2p"));
    PointToPointHelper upLink = hostLink;
    upLink.SetDeviceAttribute("DataRate", StringValue(uplinkRate));
    QueueSize limit(QueueSizeUnit::PACKETS, buffer);
    Ipv4AddressHelper ipv4;
    uint32_t subnet = 0;
    auto connect = [&](PointToPointHelper& helper, Ptr<Node> a, Ptr<Node> b) {
        NetDeviceContainer link = helper.Install(a, b);
        QueueDiscContainer qds = HomaHelper::InstallPriorityQueueDisc(link, limit, limit);
        std::ostringstream net;
        net << "10." << (subnet / 256) << "." << (subnet % 256) << ".0";
        ++subnet;
        ipv4.SetBase(net.str().c_str(), "255.255.255.0");
        Ipv4InterfaceContainer ifs = ipv4.Assign(link);
        return std::make_tuple(link, qds, ifs.GetAddress(0));
    };
    std::vector<uint32_t> rackOf(senders + 1);
    Ptr<HomaPriorityQueueDisc> downPort;
    Ptr<NetDevice> receiverNic;
    Ipv4Address receiverAddress;
    QueueDiscContainer allPorts;
    for (uint32_t i = 0; i <= senders; ++i)
    {
        rackOf[i] = i == senders ? 0 : i % racks;
        auto [link, qds, address] = connect(hostLink, hosts.Get(i), tors.Get(rackOf[i]));
        allPorts.Add(qds);
        if (i == senders)
        {
            downPort = DynamicCast<HomaPriorityQueueDisc>(qds.Get(1));
            receiverNic = link.Get(0);
            receiverAddress = address;
        }
    }
    for (uint32_t r = 0; spine && r < racks; ++r)
    {
        auto [link, qds, address] = connect(upLink, tors.Get(r), spine);
        allPorts.Add(qds);
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    // Traffic.
    std::vector<Message> messages;
    NodeContainer senderNodes;
    for (uint32_t i = 0; i < senders; ++i)
    {
        senderNodes.Add(hosts.Get(i));
    }
    std::unique_ptr<TcpIncast> tcp;
    std::vector<Ptr<HomaClient>> clients;
    if (transport == "homa")
    {
        HomaServerHelper server(4000);
        server.SetAttribute("ResponseSize", UintegerValue(1));
        server.Install(hosts.Get(senders)).Start(Seconds(0));
        for (uint32_t i = 0; i < senders; ++i)
        {
            Ptr<HomaClient> c = CreateObject<HomaClient>();
            c->AddServer(InetSocketAddress(receiverAddress, 4000));
            c->SetAttribute("MaxRpcs", UintegerValue(rounds));
            c->SetAttribute("MaxOutstanding", UintegerValue(1));
            c->SetAttribute("Interval", StringValue("ns3::ConstantRandomVariable[Constant=0]"));
            if (sizes.variable)
            {
                c->SetAttribute("MessageSize", PointerValue(sizes.variable));
            }
            else
            {
                c->SetAttribute("MessageSize",
                                PointerValue(CreateObjectWithAttributes<ConstantRandomVariable>(
                                    "Constant",
                                    DoubleValue(sizes.Draw(i)))));
            }
            hosts.Get(i)->AddApplication(c);
            c->SetStartTime(MicroSeconds(10));
            clients.push_back(c);
        }
    }
    else
    {
        tcp = std::make_unique<TcpIncast>(&messages, &sizes, rounds);
        tcp->Setup(senderNodes, hosts.Get(senders), receiverAddress);
        Simulator::Schedule(MicroSeconds(10), &TcpIncast::Start, tcp.get());
    }
    uint64_t rxBytes = 0;
    receiverNic->TraceConnectWithoutContext("PhyRxEnd", MakeBoundCallback(&CountRx, &rxBytes));

    std::unique_ptr<ShowProgress> show;
    if (progress)
    {
        show = std::make_unique<ShowProgress>(Seconds(1), std::cout);
    }
    Simulator::Stop(Seconds(maxTime));
    Simulator::Run();

    // Gather the messages of the Homa clients.
    for (uint32_t i = 0; i < clients.size(); ++i)
    {
        uint32_t round = 0;
        for (const HomaRpcRecord& r : clients[i]->GetRecords())
        {
            bool ok = r.error == HomaRpcError::NONE;
            messages.push_back({i, round++, r.requestSize, r.start, r.end, ok, !ok});
        }
        for (uint32_t k = clients[i]->GetRecords().size(); k < clients[i]->GetSent(); ++k)
        {
            messages.push_back({i, round++, 0, Seconds(0), Seconds(0), false, false});
        }
    }

    // Summary.
    DataRate hostRate(rate);
    DataRate spineRate(uplinkRate);
    Time linkDelay(delay);
    std::vector<double> fct;
    std::vector<double> slowdown;
    Time first = Seconds(maxTime);
    Time last = Seconds(0);
    uint64_t bytesDone = 0;
    uint32_t completed = 0;
    uint32_t aborted = 0;
    std::vector<double> slowdownOf(messages.size(), 0);
    for (size_t k = 0; k < messages.size(); ++k)
    {
        const Message& m = messages[k];
        aborted += m.failed ? 1 : 0;
        if (!m.done)
        {
            continue;
        }
        ++completed;
        std::vector<DataRate> path{hostRate, hostRate};
        if (rackOf[m.sender] != 0)
        {
            path = {hostRate, spineRate, spineRate, hostRate};
        }
        double t = (m.end - m.start).GetSeconds();
        slowdownOf[k] = t / HomaStats::IdealRpcTime(m.size, path, linkDelay).GetSeconds();
        fct.push_back(t * 1e6);
        slowdown.push_back(slowdownOf[k]);
        first = std::min(first, m.start);
        last = std::max(last, m.end);
        bytesDone += m.size;
    }
    uint64_t total = uint64_t(senders) * rounds;
    std::sort(fct.begin(), fct.end());
    std::sort(slowdown.begin(), slowdown.end());
    double span = last > first ? (last - first).GetSeconds() : 0;
    double goodput = span > 0 ? bytesDone * 8.0 / span : 0;
    double utilization = span > 0 ? rxBytes * 8.0 / span / hostRate.GetBitRate() : 0;

    std::cout << std::fixed << std::setprecision(1);
    std::cout << "homa-incast: transport " << transport << ", " << senders << " senders in "
              << racks << " rack(s) -> 1 receiver, " << rounds << " round(s), " << rate
              << " host links";
    if (transport == "homa")
    {
        std::cout << ", priorities " << (priorities ? "on" : "off");
    }
    std::cout << "\n";
    std::cout << "  messages completed     " << completed << " / " << total << "\n";
    std::cout << "  messages lost          " << total - completed - aborted << "\n";
    std::cout << "  messages aborted       " << aborted << "\n";
    std::cout << "  completion time (us)   p50 " << HomaStats::Percentile(fct, 50) << "   p99 "
              << HomaStats::Percentile(fct, 99) << "   max " << (fct.empty() ? 0 : fct.back())
              << "\n";
    std::cout << std::setprecision(2);
    std::cout << "  slowdown               p50 " << HomaStats::Percentile(slowdown, 50) << "   p99 "
              << HomaStats::Percentile(slowdown, 99) << "   max "
              << (slowdown.empty() ? 0 : slowdown.back()) << "\n";
    std::cout << "  receiver goodput       " << goodput / 1e9 << " Gbps; downlink utilization "
              << 100 * utilization << " %\n";
    std::cout << "  drops at ToR->receiver";
    uint64_t drops = 0;
    for (int p = 7; p >= 0; --p)
    {
        std::cout << " p" << p << "=" << downPort->GetDrops(p);
    }
    for (uint32_t q = 0; q < allPorts.GetN(); ++q)
    {
        Ptr<HomaPriorityQueueDisc> qd = DynamicCast<HomaPriorityQueueDisc>(allPorts.Get(q));
        for (uint8_t p = 0; p < 8; ++p)
        {
            drops += qd->GetDrops(p);
        }
    }
    std::cout << "; all ports " << drops << "\n";
    if (transport == "homa")
    {
        const HomaMetrics& m = hosts.Get(senders)->GetObject<HomaL4Protocol>()->GetMetrics();
        auto type = [](uint8_t t) { return t - HomaCommonHeader::TYPE_FIRST; };
        std::cout << "  receiver Homa packets  DATA in "
                  << m.packetsRcvd[type(HomaCommonHeader::DATA)] << ", GRANT out "
                  << m.packetsSent[type(HomaCommonHeader::GRANT)] << ", RESEND out "
                  << m.packetsSent[type(HomaCommonHeader::RESEND)] << "\n";
    }

    if (csv != "none")
    {
        std::ofstream out(csv);
        out << "transport,sender,rack,round,size_bytes,start_us,end_us,completion_us,slowdown,"
               "status\n";
        for (size_t k = 0; k < messages.size(); ++k)
        {
            const Message& m = messages[k];
            out << transport << "," << m.sender << "," << rackOf[m.sender] << "," << m.round << ","
                << m.size << "," << m.start.GetMicroSeconds() << ","
                << (m.done ? m.end.GetMicroSeconds() : 0) << ","
                << (m.done ? (m.end - m.start).GetMicroSeconds() : 0) << "," << slowdownOf[k] << ","
                << (m.done ? "done" : (m.failed ? "aborted" : "lost")) << "\n";
        }
        std::cout << "  wrote " << csv << "\n";
    }
    if (plot != "none")
    {
        Gnuplot gp(plot + ".png",
                   "Incast of " + std::to_string(senders) + " senders over " + transport);
        gp.SetTerminal("pngcairo size 800,500");
        gp.SetLegend("message size (bytes)", "completion time (us)");
        gp.AppendExtra("set logscale xy");
        gp.AppendExtra("set key top left");
        Gnuplot2dDataset data(transport);
        data.SetStyle(Gnuplot2dDataset::POINTS);
        for (const Message& m : messages)
        {
            if (m.done)
            {
                data.Add(m.size, (m.end - m.start).GetMicroSeconds());
            }
        }
        gp.AddDataset(data);
        std::ofstream out(plot + ".plt");
        gp.GenerateOutput(out);
        out.close();
        std::cout << "  wrote " << plot << ".plt";
        if (std::system("command -v gnuplot >/dev/null 2>&1") == 0 &&
            std::system(("gnuplot " + plot + ".plt").c_str()) == 0)
        {
            std::cout << " and " << plot << ".png";
        }
        std::cout << "\n";
    }
    Simulator::Destroy();
    return completed == total ? 0 : 1;
}
