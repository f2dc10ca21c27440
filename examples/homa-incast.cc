/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-incast: N senders under one or more ToR switches each send a request to one
// receiver at the same moment (the classic incast), for a number of rounds; a sender's
// next request leaves when its previous one has been answered (with one byte). By default
// the experiment runs twice on the same topology and messages, over Homa and over ns-3's
// TCP (TcpMessageBaseline: one connection per sender, opened before the first request; each
// request framed by a 20-byte header, the reply a framed byte), and prints the two side by
// side; --transport=homa or tcp runs one.
//
//   ./ns3 run homa-incast
//   ./ns3 run "homa-incast --senders=64 --rounds=3 --transport=homa"
//
// Topology (racks = 2):
//
//   senders 0, 2, 4, ... --- ToR 0 --- receiver           (host links: --rate, --delay)
//                              |
//                            spine                         (uplinks: --uplinkRate)
//                              |
//   senders 1, 3, 5, ... --- ToR 1
//
// The topology comes from LeafSpineHelper (uneven placement: the receiver and the
// even senders in rack 0), with every link at --delay. Every device (switch ports and host
// NICs) has a HomaPriorityQueueDisc of --buffer packets and no FIFO below it
// (FabricLinkHelper::LimitDeviceQueues); host NICs send Homa's control packets first. Homa marks
// its packets with 8 priority levels (one with
// --priorities=false); TCP uses level 0, so for TCP every queue disc is one FIFO. Every host
// knows the receiver's unscheduled cutoffs from the start (computed from the message sizes,
// 4 unscheduled levels as Linux's default); --learnCutoffs=true keeps Linux's behaviour,
// where senders use level 6 until the receiver's CUTOFFS packet arrives.
//
// Output: per message size, p50/p99 completion time and slowdown of each transport; the
// peak of the receiver's downlink queue (queue disc and device queue); messages completed,
// lost and aborted; goodput; drops. A CSV of every message (--csv) and a gnuplot script of
// completion time against message size (--plot), turned into a PNG when gnuplot is
// installed. With --timeline, the receiver's downlink over time for each transport
// (DownlinkTimeline: each message's bytes per interval, the ToR port's queue by priority level,
// Homa's granted-but-not-received bytes), as CSV files and one figure, Homa beside TCP.
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
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <map>
#include <memory>
#include <set>
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

/// Stops the run when the last RPC has finished (so that the run's end, and a timeline's, is
/// the last reply and not the transports' closing timers).
struct Countdown
{
    uint64_t left; //!< RPCs still to finish

    /// One RPC finished.
    void Done()
    {
        if (--left == 0)
        {
            Simulator::Stop();
        }
    }

    /// HomaClient's Rpc trace.
    void HomaDone(const HomaRpcRecord&)
    {
        Done();
    }
};

/// TCP side of the experiment's records: each sender is a TcpRpcClient (one connection,
/// opened before the first request; 20-byte framed requests, a framed one-byte reply); its
/// requests and replies are noted here as they happen.
struct TcpRecords
{
    std::vector<Message>* messages;         //!< every message of the run
    std::vector<std::vector<size_t>> index; //!< per sender: message index by number
    Countdown* countdown;                   //!< stops the run after the last reply

    /// Sender \p i handed request \p r to TCP.
    void Sent(uint32_t i, const TcpMessageRecord& r)
    {
        auto round = static_cast<uint32_t>(index[i].size());
        NS_ABORT_MSG_IF(r.id != round, "homa-incast: TCP message numbers out of step");
        index[i].push_back(messages->size());
        messages->push_back({i, round, r.size, r.start, Time(), false, false});
    }

    /// The reply to sender \p i's request arrived: it is complete.
    void Replied(uint32_t i, const TcpMessageRecord& r)
    {
        Message& m = (*messages)[index[i].at(r.id)];
        m.end = Simulator::Now();
        m.done = true;
        countdown->Done();
    }
};

/// Settings of one run.
struct Options
{
    uint32_t senders{32};             //!< senders
    uint32_t racks{1};                //!< ToR switches
    uint32_t rounds{3};               //!< messages per sender
    std::string rate{"10Gbps"};       //!< host links
    std::string uplinkRate{"40Gbps"}; //!< ToR-spine links
    std::string delay{"1us"};         //!< every link
    uint32_t buffer{1000};            //!< packets per queue disc
    bool priorities{true};            //!< Homa: 8 levels
    bool learnCutoffs{false};         //!< Homa: Linux's learn-by-CUTOFFS
    std::string profile;              //!< Homa: HomaHelper::SetProfile (empty: none)
    std::string pcap;                 //!< capture prefix (empty: none)
    std::string packetLog;            //!< CSV of the receiver's Homa packets (empty: none)
    std::vector<std::pair<double, double>> cdf; //!< message sizes as a CDF (for the cutoffs)
    double maxTime{10};                         //!< simulated seconds at most
    bool timeline{false};                       //!< record the receiver's downlink timeline
    double timelineInterval{20};                //!< its intervals, us
    bool progress{true};                        //!< ShowProgress
};

/// What one run measured.
struct Result
{
    std::string transport;                      //!< homa or tcp
    std::vector<Message> messages;              //!< every message
    std::vector<uint32_t> rackOf;               //!< rack of each host (senders, then the receiver)
    uint32_t peakQueue{0};                      //!< most bytes in the receiver's downlink queue
    uint64_t rxBytes{0};                        //!< bytes into the receiver's NIC
    std::array<uint64_t, 8> downDrops{};        //!< drops per level at the receiver's downlink
    uint64_t drops{0};                          //!< drops at every port
    HomaMetrics metrics;                        //!< the receiver's Homa counters
    std::string cutoffs;                        //!< the cutoffs used (Homa)
    std::shared_ptr<DownlinkTimeline> timeline; //!< the receiver's downlink (--timeline)
};

/// Bytes received by the receiver's NIC.
void
CountRx(uint64_t* bytes, Ptr<const Packet> p)
{
    *bytes += p->GetSize();
}

/// Writes one CSV line per Homa packet the receiver sends or receives (for checking captures).
struct PacketLog
{
    std::ofstream out; //!< the file

    /// \param dir "tx" or "rx" \param p the packet with its Homa header \param priority level
    void Log(const char* dir, Ptr<const Packet> p, uint8_t priority)
    {
        HomaCommonHeader common;
        p->PeekHeader(common);
        out << dir << "," << +common.GetType() << "," << common.GetSenderId() << ",";
        switch (common.GetType())
        {
        case HomaCommonHeader::DATA: {
            HomaDataHeader h;
            p->PeekHeader(h);
            out << h.GetOffset() << "," << p->GetSize() - HomaDataHeader::SIZE << ","
                << h.GetMessageLength();
            break;
        }
        case HomaCommonHeader::GRANT: {
            HomaGrantHeader h;
            p->PeekHeader(h);
            out << h.GetOffset() << ",,";
            break;
        }
        case HomaCommonHeader::RESEND: {
            HomaResendHeader h;
            p->PeekHeader(h);
            out << h.GetOffset() << "," << h.GetLength() << ",";
            break;
        }
        default:
            out << ",,";
        }
        out << "," << +priority << "\n";
    }

    /// Tx trace sink.
    void Tx(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t priority)
    {
        Log("tx", p, priority);
    }

    /// Rx trace sink.
    void Rx(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t priority)
    {
        Log("rx", p, priority);
    }
};

/// Bytes in the receiver's downlink queue: queue disc plus device queue.
struct QueueWatch
{
    uint32_t qdisc{0};  //!< queue disc bytes
    uint32_t device{0}; //!< device queue bytes
    uint32_t peak{0};   //!< largest sum

    void Update(bool isDevice, uint32_t, uint32_t bytes)
    {
        (isDevice ? device : qdisc) = bytes;
        peak = std::max(peak, qdisc + device);
    }
};

/// Build the topology, run one transport, collect what it did.
Result
Run(const Options& o, const std::string& transport, SizeSource& sizes)
{
    Result res;
    res.transport = transport;
    // The fabric: senders (hosts 0..N-1) spread over the racks (sender i in rack i mod racks),
    // the receiver (host N) in rack 0; one spine joins the ToRs. Every port a
    // HomaPriorityQueueDisc of --buffer packets with nothing below it; control first at NICs.
    res.rackOf.resize(o.senders + 1);
    for (uint32_t i = 0; i <= o.senders; ++i)
    {
        res.rackOf[i] = i == o.senders ? 0 : i % o.racks;
    }
    LeafSpineHelper fabric;
    fabric.SetHostRacks(res.rackOf);
    fabric.SetSpines(1);
    fabric.SetHostRate(DataRate(o.rate));
    fabric.SetFabricRate(DataRate(o.uplinkRate));
    fabric.SetHostLinkDelay(Time(o.delay));
    fabric.SetFabricLinkDelay(Time(o.delay));
    HomaHelper::ConfigureFabric(fabric, QueueSize(QueueSizeUnit::PACKETS, o.buffer), true);
    fabric.Install();
    NodeContainer hosts = fabric.GetHosts();
    if (transport == "homa")
    {
        HomaHelper homa;
        if (!o.profile.empty())
        {
            homa.SetProfile(o.profile);
        }
        homa.SetAttribute("NumPriorities", UintegerValue(o.priorities ? 8 : 1));
        if (!o.learnCutoffs && o.priorities)
        {
            // Every host knows the receiver's cutoffs from the first packet; 4 unscheduled
            // levels, as Linux's default cutoffs.
            res.cutoffs = HomaCutoffs::Format(homa.SetCutoffsFromDistribution(o.cdf, 4));
        }
        homa.Install(hosts);
    }
    else
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
        Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));
    }

    // The receiver's link: its NIC and, at the other end, the ToR's port facing it.
    Ptr<NetDevice> receiverNic = hosts.Get(o.senders)->GetDevice(1);
    Ptr<Channel> channel = receiverNic->GetChannel();
    Ptr<NetDevice> downDevice =
        channel->GetDevice(0) == receiverNic ? channel->GetDevice(1) : channel->GetDevice(0);
    auto downPort = DynamicCast<HomaPriorityQueueDisc>(
        downDevice->GetNode()->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(
            downDevice));
    Ipv4Address receiverAddress = fabric.GetHostAddress(o.senders);
    QueueDiscContainer allPorts(fabric.GetHostQueueDiscs());
    allPorts.Add(fabric.GetSwitchQueueDiscs());

    // Traffic.
    Countdown countdown{uint64_t(o.senders) * o.rounds};
    TcpRecords tcp{&res.messages, std::vector<std::vector<size_t>>(o.senders), &countdown};
    std::vector<Ptr<HomaClient>> clients;
    if (transport == "homa")
    {
        HomaServerHelper server(4000);
        server.SetAttribute("ResponseSize", UintegerValue(1));
        server.Install(hosts.Get(o.senders)).Start(Seconds(0));
        for (uint32_t i = 0; i < o.senders; ++i)
        {
            Ptr<HomaClient> c = CreateObject<HomaClient>();
            c->AddServer(InetSocketAddress(receiverAddress, 4000));
            c->SetAttribute("MaxRpcs", UintegerValue(o.rounds));
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
            c->TraceConnectWithoutContext("Rpc", MakeCallback(&Countdown::HomaDone, &countdown));
            hosts.Get(i)->AddApplication(c);
            c->SetStartTime(MicroSeconds(10));
            clients.push_back(c);
        }
    }
    else
    {
        Ptr<TcpMessageBaseline> server = CreateObject<TcpMessageBaseline>();
        server->SetAttribute("ReplySize", UintegerValue(1));
        hosts.Get(o.senders)->AddApplication(server);
        for (uint32_t i = 0; i < o.senders; ++i)
        {
            // Connected at 1 us, the first request at 10 us (as Homa's clients start).
            Ptr<TcpRpcClient> c = CreateObjectWithAttributes<TcpRpcClient>(
                "Server",
                Ipv4AddressValue(receiverAddress),
                "ReplySize",
                UintegerValue(1),
                "MaxRpcs",
                UintegerValue(o.rounds),
                "FirstRequestDelay",
                TimeValue(MicroSeconds(9)),
                "MessageSize",
                sizes.variable ? PointerValue(sizes.variable)
                               : PointerValue(CreateObjectWithAttributes<ConstantRandomVariable>(
                                     "Constant",
                                     DoubleValue(sizes.Draw(i)))));
            c->TraceConnectWithoutContext("RequestSent",
                                          MakeCallback(&TcpRecords::Sent, &tcp).Bind(i));
            c->TraceConnectWithoutContext("Replied",
                                          MakeCallback(&TcpRecords::Replied, &tcp).Bind(i));
            c->SetStartTime(MicroSeconds(1));
            hosts.Get(i)->AddApplication(c);
        }
    }
    PacketLog packetLog;
    if (transport == "homa" && !o.packetLog.empty())
    {
        packetLog.out.open(o.packetLog);
        packetLog.out << "dir,type,sender_id,offset,length,message_length,priority\n";
        Ptr<HomaL4Protocol> receiver = hosts.Get(o.senders)->GetObject<HomaL4Protocol>();
        receiver->TraceConnectWithoutContext("Tx", MakeCallback(&PacketLog::Tx, &packetLog));
        receiver->TraceConnectWithoutContext("Rx", MakeCallback(&PacketLog::Rx, &packetLog));
    }
    if (!o.pcap.empty())
    {
        // The receiver's link, both directions, seen from its NIC.
        fabric.EnablePcap(o.pcap + "-" + transport + ".pcap", receiverNic, true);
    }
    receiverNic->TraceConnectWithoutContext("PhyRxEnd", MakeBoundCallback(&CountRx, &res.rxBytes));
    QueueWatch watch;
    downPort->TraceConnectWithoutContext("BytesInQueue",
                                         MakeCallback(&QueueWatch::Update, &watch).Bind(false));
    PointerValue txQueue;
    downDevice->GetAttribute("TxQueue", txQueue);
    txQueue.Get<QueueBase>()->TraceConnectWithoutContext(
        "BytesInQueue",
        MakeCallback(&QueueWatch::Update, &watch).Bind(true));

    if (o.timeline)
    {
        res.timeline = std::make_shared<DownlinkTimeline>(MicroSeconds(o.timelineInterval));
        res.timeline->WatchReceiver(receiverNic);
        res.timeline->WatchPort(downDevice);
    }

    std::unique_ptr<ShowProgress> show;
    if (o.progress)
    {
        show = std::make_unique<ShowProgress>(Seconds(1), std::cout);
    }
    Simulator::Stop(Seconds(o.maxTime));
    Simulator::Run();
    if (res.timeline)
    {
        res.timeline->Finish(Simulator::Now()); // the last reply, or --maxTime
    }

    // Gather the messages of the Homa clients.
    for (uint32_t i = 0; i < clients.size(); ++i)
    {
        uint32_t round = 0;
        for (const HomaRpcRecord& r : clients[i]->GetRecords())
        {
            bool ok = r.error == HomaRpcError::NONE;
            res.messages.push_back({i, round++, r.requestSize, r.start, r.end, ok, !ok});
        }
        for (uint32_t k = clients[i]->GetRecords().size(); k < clients[i]->GetSent(); ++k)
        {
            res.messages.push_back({i, round++, 0, Seconds(0), Seconds(0), false, false});
        }
    }
    res.peakQueue = watch.peak;
    for (uint8_t p = 0; p < 8; ++p)
    {
        res.downDrops[p] = downPort->GetDrops(p);
    }
    for (uint32_t q = 0; q < allPorts.GetN(); ++q)
    {
        Ptr<HomaPriorityQueueDisc> qd = DynamicCast<HomaPriorityQueueDisc>(allPorts.Get(q));
        for (uint8_t p = 0; p < 8; ++p)
        {
            res.drops += qd->GetDrops(p);
        }
    }
    if (transport == "homa")
    {
        res.metrics = hosts.Get(o.senders)->GetObject<HomaL4Protocol>()->GetMetrics();
    }
    show.reset();
    Simulator::Destroy();
    // The next run builds the same addresses again.
    Ipv4AddressGenerator::Reset();
    return res;
}

/// Completion times and slowdowns of a set of messages.
struct Stats
{
    std::vector<double> fct;      //!< completion times (us), sorted
    std::vector<double> slowdown; //!< slowdowns, sorted

    void Add(double us, double sd)
    {
        fct.push_back(us);
        slowdown.push_back(sd);
    }

    void Sort()
    {
        std::sort(fct.begin(), fct.end());
        std::sort(slowdown.begin(), slowdown.end());
    }
};

/// The size class a message is reported under: its exact size when the run uses a few
/// sizes, else the power of ten below it.
uint32_t
SizeClass(uint32_t size, bool exact)
{
    if (exact)
    {
        return size;
    }
    uint32_t c = 1;
    while (c * 10 <= size)
    {
        c *= 10;
    }
    return c;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    uint32_t size = 0;
    std::string sizeList = "2000,20000,200000,500000";
    std::string workload;
    std::string transport = "both";
    std::string csv = "homa-incast.csv";
    std::string plot = "homa-incast";

    CommandLine cmd(__FILE__);
    cmd.AddValue("senders", "number of senders", o.senders);
    cmd.AddValue("racks",
                 "ToR switches; the senders are spread over them, the receiver is in rack 0",
                 o.racks);
    cmd.AddValue("size", "one message size in bytes for every sender (0: use --sizes)", size);
    cmd.AddValue("sizes", "comma-separated sizes; sender i sends sizes[i mod n]", sizeList);
    cmd.AddValue(
        "workload",
        "W1..W5 (the paper's workloads, shipped) or a file of a message-size CDF ('size cdf' "
        "per line); overrides the sizes",
        workload);
    cmd.AddValue("rounds",
                 "messages per sender, each sent when the previous is answered",
                 o.rounds);
    cmd.AddValue("rate", "rate of the host links", o.rate);
    cmd.AddValue("uplinkRate", "rate of the ToR-spine links (racks > 1)", o.uplinkRate);
    cmd.AddValue("delay", "propagation delay of every link", o.delay);
    cmd.AddValue("buffer", "packets per queue disc (switch ports and NICs)", o.buffer);
    cmd.AddValue("priorities", "Homa: use 8 priority levels (false: one level)", o.priorities);
    cmd.AddValue("learnCutoffs",
                 "Homa: senders learn the receiver's cutoffs from its CUTOFFS packets, using "
                 "level 6 until then (Linux); false: every host knows them from the start",
                 o.learnCutoffs);
    cmd.AddValue("profile",
                 "Homa: HomaHelper::SetProfile first, linux (the kernel's defaults) or paper "
                 "(the 2018 simulator's); the example's cutoffs and --priorities still apply",
                 o.profile);
    cmd.AddValue("transport", "homa, tcp or both (one after the other, side by side)", transport);
    cmd.AddValue("pcap",
                 "capture the receiver's link into PREFIX-<transport>.pcap (empty: none)",
                 o.pcap);
    cmd.AddValue("packetLog",
                 "Homa: CSV of every Homa packet the receiver sends or receives (empty: none)",
                 o.packetLog);
    cmd.AddValue("csv", "CSV file of every message (none: no file)", csv);
    cmd.AddValue("plot", "prefix of the gnuplot script and PNG (none: no plot)", plot);
    cmd.AddValue("maxTime", "simulated seconds at most, per transport", o.maxTime);
    cmd.AddValue("progress", "print simulation progress every wall-clock second", o.progress);
    cmd.AddValue("timeline",
                 "write the receiver's downlink timeline (DownlinkTimeline) of each transport "
                 "to homa-incast-timeline-<transport>-{link,messages,shares}.csv and draw them "
                 "side by side (homa-incast-timeline.plt, .png)",
                 o.timeline);
    cmd.AddValue("timelineInterval", "--timeline: interval in us", o.timelineInterval);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_UNLESS(o.senders >= 1 && o.racks >= 1 && o.rounds >= 1,
                        "--senders, --racks and --rounds must be at least 1");
    NS_ABORT_MSG_UNLESS(transport == "homa" || transport == "tcp" || transport == "both",
                        "--transport is homa, tcp or both");
    NS_ABORT_MSG_UNLESS(o.profile.empty() || o.profile == "linux" || o.profile == "paper",
                        "--profile is linux or paper");
    NS_ABORT_MSG_UNLESS(size <= 1000000, "--size must be at most 1000000 bytes (a Homa message)");

    SizeSource sizes;
    if (!workload.empty())
    {
        MessageWorkload w = MessageWorkload::Load(workload);
        sizes.variable = w.MakeRandomVariable();
        o.cdf = w.GetPoints();
    }
    else
    {
        if (size > 0)
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
        // The CDF of the sizes the senders use (sender i sends sizes[i mod n]).
        std::map<uint32_t, uint32_t> count;
        for (uint32_t i = 0; i < o.senders; ++i)
        {
            ++count[sizes.list[i % sizes.list.size()]];
        }
        uint32_t seen = 0;
        for (const auto& [s, n] : count)
        {
            seen += n;
            o.cdf.emplace_back(s, double(seen) / o.senders);
        }
    }

    std::vector<std::string> transports;
    if (transport == "both")
    {
        transports = {"homa", "tcp"};
    }
    else
    {
        transports = {transport};
    }
    std::vector<Result> results;
    for (const auto& t : transports)
    {
        if (sizes.variable)
        {
            sizes.variable->SetStream(1); // the same draws for every transport
        }
        results.push_back(Run(o, t, sizes));
    }

    // Statistics per transport and size class.
    DataRate hostRate(o.rate);
    DataRate spineRate(o.uplinkRate);
    Time linkDelay(o.delay);
    bool exact = sizes.list.size() > 0;
    std::set<uint32_t> classes;
    std::vector<std::map<uint32_t, Stats>> perClass(results.size());
    std::vector<Stats> overall(results.size());
    std::vector<std::vector<double>> slowdownOf(results.size());
    bool allDone = true;
    for (size_t t = 0; t < results.size(); ++t)
    {
        const Result& r = results[t];
        slowdownOf[t].assign(r.messages.size(), 0);
        for (size_t k = 0; k < r.messages.size(); ++k)
        {
            const Message& m = r.messages[k];
            if (!m.done)
            {
                allDone = false;
                continue;
            }
            std::vector<DataRate> path{hostRate, hostRate};
            if (r.rackOf[m.sender] != 0)
            {
                path = {hostRate, spineRate, spineRate, hostRate};
            }
            double secs = (m.end - m.start).GetSeconds();
            slowdownOf[t][k] =
                secs / MessageStats::IdealRpcTime(m.size, path, linkDelay).GetSeconds();
            uint32_t c = SizeClass(m.size, exact);
            classes.insert(c);
            perClass[t][c].Add(secs * 1e6, slowdownOf[t][k]);
            overall[t].Add(secs * 1e6, slowdownOf[t][k]);
        }
        for (auto& [c, st] : perClass[t])
        {
            st.Sort();
        }
        overall[t].Sort();
    }

    std::cout << std::fixed;
    std::cout << "homa-incast: " << o.senders << " senders in " << o.racks
              << " rack(s) -> 1 receiver, " << o.rounds << " round(s), " << o.rate
              << " host links, " << o.buffer << "-packet ports\n";
    for (const Result& r : results)
    {
        if (r.transport == "homa")
        {
            std::cout << "  homa: "
                      << (o.profile.empty() ? std::string() : "profile " + o.profile + ", ")
                      << "priorities " << (o.priorities ? "on" : "off") << ", cutoffs "
                      << (r.cutoffs.empty() ? std::string("learnt from CUTOFFS packets")
                                            : r.cutoffs + " on every host from the start")
                      << "\n";
        }
    }
    auto row = [&](const std::string& label, size_t n, const std::vector<const Stats*>& st) {
        std::cout << "  " << std::left << std::setw(10) << label << std::right << std::setw(6) << n;
        for (const Stats* s : st)
        {
            std::cout << "  |" << std::setprecision(1) << std::setw(9)
                      << MessageStats::Percentile(s->fct, 50) << std::setw(9)
                      << MessageStats::Percentile(s->fct, 99) << std::setprecision(2)
                      << std::setw(8) << MessageStats::Percentile(s->slowdown, 50) << std::setw(8)
                      << MessageStats::Percentile(s->slowdown, 99);
        }
        std::cout << "\n";
    };
    std::cout << "  " << std::left << std::setw(10) << (exact ? "size (B)" : "size >= B")
              << std::right << std::setw(6) << "msgs";
    for (const Result& r : results)
    {
        std::cout << "  |" << std::setw(34) << (r.transport + ": us p50/p99, slowdown p50/p99");
    }
    std::cout << "\n";
    for (uint32_t c : classes)
    {
        std::vector<const Stats*> st;
        size_t n = 0;
        for (size_t t = 0; t < results.size(); ++t)
        {
            st.push_back(&perClass[t][c]);
            n = std::max(n, perClass[t][c].fct.size());
        }
        row(std::to_string(c), n, st);
    }
    {
        std::vector<const Stats*> st;
        size_t n = 0;
        for (size_t t = 0; t < results.size(); ++t)
        {
            st.push_back(&overall[t]);
            n = std::max(n, overall[t].fct.size());
        }
        row("all", n, st);
    }

    uint64_t total = uint64_t(o.senders) * o.rounds;
    for (size_t t = 0; t < results.size(); ++t)
    {
        const Result& r = results[t];
        uint32_t completed = 0;
        uint32_t aborted = 0;
        uint64_t bytesDone = 0;
        Time first = Seconds(o.maxTime);
        Time last = Seconds(0);
        for (const Message& m : r.messages)
        {
            aborted += m.failed ? 1 : 0;
            if (m.done)
            {
                ++completed;
                bytesDone += m.size;
                first = std::min(first, m.start);
                last = std::max(last, m.end);
            }
        }
        double span = last > first ? (last - first).GetSeconds() : 0;
        std::cout << std::setprecision(1) << "  " << r.transport << ": completed " << completed
                  << "/" << total << ", lost " << total - completed - aborted << ", aborted "
                  << aborted << "; goodput " << (span > 0 ? bytesDone * 8.0 / span / 1e9 : 0)
                  << " Gbps, downlink "
                  << (span > 0 ? 100 * r.rxBytes * 8.0 / span / hostRate.GetBitRate() : 0)
                  << " % busy; downlink peak queue " << r.peakQueue << " B; drops: downlink";
        for (int p = 7; p >= 0; --p)
        {
            std::cout << " p" << p << "=" << r.downDrops[p];
        }
        std::cout << ", all ports " << r.drops << "\n";
        if (r.transport == "homa")
        {
            auto type = [](uint8_t ty) { return ty - HomaCommonHeader::TYPE_FIRST; };
            std::cout << "  homa receiver: DATA in "
                      << r.metrics.packetsRcvd[type(HomaCommonHeader::DATA)] << ", GRANT out "
                      << r.metrics.packetsSent[type(HomaCommonHeader::GRANT)] << ", RESEND out "
                      << r.metrics.packetsSent[type(HomaCommonHeader::RESEND)] << "\n";
        }
    }

    if (csv != "none")
    {
        std::ofstream out(csv);
        out << "transport,sender,rack,round,size_bytes,start_us,end_us,completion_us,slowdown,"
               "status\n";
        for (size_t t = 0; t < results.size(); ++t)
        {
            const Result& r = results[t];
            for (size_t k = 0; k < r.messages.size(); ++k)
            {
                const Message& m = r.messages[k];
                out << r.transport << "," << m.sender << "," << r.rackOf[m.sender] << "," << m.round
                    << "," << m.size << "," << m.start.GetMicroSeconds() << ","
                    << (m.done ? m.end.GetMicroSeconds() : 0) << ","
                    << (m.done ? (m.end - m.start).GetMicroSeconds() : 0) << "," << slowdownOf[t][k]
                    << "," << (m.done ? "done" : (m.failed ? "aborted" : "lost")) << "\n";
            }
        }
        std::cout << "  wrote " << csv << "\n";
    }
    if (plot != "none")
    {
        Gnuplot gp(plot + ".png",
                   "Incast of " + std::to_string(o.senders) + " senders, " +
                       std::to_string(o.rounds) + " rounds");
        gp.SetTerminal("pngcairo size 800,500");
        gp.SetLegend("message size (bytes)", "completion time (us)");
        gp.AppendExtra("set logscale xy");
        // Samples before the labels, inside the frame: clear of the y-axis label.
        gp.AppendExtra("set key top left Left reverse");
        for (const Result& r : results)
        {
            Gnuplot2dDataset data(r.transport);
            data.SetStyle(Gnuplot2dDataset::POINTS);
            for (const Message& m : r.messages)
            {
                if (m.done)
                {
                    // TCP's points slightly to the right, so that both stay visible.
                    data.Add(m.size * (r.transport == "tcp" ? 1.08 : 1.0),
                             (m.end - m.start).GetMicroSeconds());
                }
            }
            gp.AddDataset(data);
        }
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
    if (o.timeline)
    {
        std::vector<DownlinkTimeline::PlotRun> runs;
        for (const Result& r : results)
        {
            std::string prefix = "homa-incast-timeline-" + r.transport;
            r.timeline->Write(prefix);
            runs.push_back({r.transport, prefix});
        }
        std::ofstream out("homa-incast-timeline.plt");
        DownlinkTimeline::WritePlot(out,
                                    "homa-incast-timeline.png",
                                    "The receiver's downlink in an incast of " +
                                        std::to_string(o.senders) + " senders, " +
                                        std::to_string(o.rounds) + " rounds",
                                    runs);
        out.close();
        std::cout << "  wrote homa-incast-timeline-*.csv and homa-incast-timeline.plt";
        if (std::system("command -v gnuplot >/dev/null 2>&1") == 0 &&
            std::system("gnuplot homa-incast-timeline.plt") == 0)
        {
            std::cout << " and homa-incast-timeline.png";
        }
        std::cout << "\n";
    }
    return allDone ? 0 : 1;
}
