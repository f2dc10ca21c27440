/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-fanout: a self-inflicted incast. One client sends --perServer requests to each of
// --servers servers at the same moment (a fan-out, as a search front end or a sharded store
// would); every server answers with --responseSize bytes, so all the responses head for the
// client's downlink together: a many-to-one fan-in of --servers senders that the client
// itself started. The next round starts when the last response of a round has arrived.
//
// By default the experiment runs twice on the same topology and messages: with Homa's
// incast optimization off, then on (the Homa paper, section 3.6: once the client has
// --threshold RPCs outstanding, its new requests are marked and their servers send the
// response with at most --limit unscheduled bytes, the rest granted by the client;
// HomaL4Protocol::IncastThreshold and IncastUnschedBytes). --incast=off or on runs one.
//
//   ./ns3 run homa-fanout
//   ./ns3 run "homa-fanout --servers=16 --perServer=32 --switchBuffer=4000000"
//
// Topology: LeafSpineHelper, the client (host 0) in rack 0 and server s in rack s mod
// --racks, one spine; every switch port a PriorityDeviceQueue of --buffer packets (8 strict
// levels), or, with --switchBuffer, one buffer of that many bytes shared by each switch's
// ports (SharedBuffer, dynamic thresholds, alpha 1 at every level).
//
// Output per run: RPCs completed, their completion times (request handed to Homa to the
// response received: p50, p99, max), the client's downlink (the ToR port facing it): its
// most bytes queued and its drops, the drops of every switch port, the shared buffer of
// the client's ToR (most bytes held, packets refused), the DATA packets the servers sent
// again, the requests marked and the responses they limited. --csv=PREFIX writes
// PREFIX-off.csv and PREFIX-on.csv (one line per RPC), --plot=PREFIX a gnuplot script of the
// completion times' distribution (and a PNG when gnuplot is installed).
//
// The optimization acts only on incasts a client causes with its own requests; an incast of
// independent clients (homa-incast) is unchanged by it, since each has one RPC outstanding.

#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <memory>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HomaFanout");

namespace
{

/// Settings of the experiment.
struct Options
{
    uint32_t servers{255};            //!< servers (senders of the fan-in)
    uint32_t perServer{1};            //!< requests to each server per round
    uint32_t requestSize{100};        //!< request bytes
    uint32_t responseSize{10000};     //!< response bytes
    uint32_t rounds{3};               //!< rounds
    uint32_t racks{4};                //!< ToR switches
    std::string rate{"10Gbps"};       //!< host links
    std::string uplinkRate{"40Gbps"}; //!< ToR-spine links
    std::string delay{"1us"};         //!< every link
    uint32_t buffer{1000};            //!< packets per switch port and NIC
    uint64_t switchBuffer{0};         //!< bytes shared by each switch's ports (0: per port)
    std::string profile;              //!< HomaHelper::SetProfile (empty: none)
    uint32_t threshold{8};            //!< IncastThreshold when on
    uint32_t limit{100};              //!< IncastUnschedBytes when on
    double maxTime{2};                //!< simulated seconds at most per run
};

/// What one run measured.
struct Result
{
    std::string label;           //!< off or on
    std::vector<double> fct;     //!< completion times (us), in completion order
    std::vector<uint32_t> round; //!< each RPC's round
    uint32_t failed{0};          //!< RPCs that ended in an error
    uint64_t peakQueue{0};       //!< most bytes queued at the client's downlink
    uint64_t downDrops{0};       //!< packets dropped there
    uint64_t drops{0};           //!< packets dropped at every switch port
    uint64_t poolPeak{0};        //!< most bytes the client's ToR's shared buffer held
    uint64_t poolDrops{0};       //!< packets its shared buffer refused
    uint64_t resent{0};          //!< DATA packets sent again, all hosts
    uint64_t marked{0};          //!< requests marked by the client
    uint64_t limited{0};         //!< responses the servers limited
};

/// Runs the rounds: each round is a HomaClient that sends to every server in turn; the next
/// starts when the last response of the previous has arrived.
struct Rounds
{
    Ptr<Node> client;                  //!< the client host
    std::vector<Address> servers;      //!< every server's address
    const Options* o;                  //!< settings
    std::vector<Ptr<HomaClient>> apps; //!< one per round started so far
    uint32_t left{0};                  //!< RPCs of the current round still to end

    /// Start the next round (or stop the run after the last).
    void Next()
    {
        if (apps.size() == o->rounds)
        {
            Simulator::Stop();
            return;
        }
        Ptr<HomaClient> c = CreateObject<HomaClient>();
        for (uint32_t k = 0; k < o->perServer; ++k)
        {
            for (const Address& a : servers)
            {
                c->AddServer(a);
            }
        }
        left = o->servers * o->perServer;
        c->SetAttribute("ServersInTurn", BooleanValue(true));
        c->SetAttribute("MaxRpcs", UintegerValue(left));
        c->SetAttribute("MaxOutstanding", UintegerValue(0));
        c->SetAttribute("Interval", StringValue("ns3::ConstantRandomVariable[Constant=0]"));
        c->SetAttribute("MessageSize",
                        StringValue("ns3::ConstantRandomVariable[Constant=" +
                                    std::to_string(o->requestSize) + "]"));
        c->TraceConnectWithoutContext("Rpc", MakeCallback(&Rounds::Ended, this));
        c->SetStartTime(MicroSeconds(10));
        client->AddApplication(c);
        apps.push_back(c);
    }

    /// HomaClient's Rpc trace: one RPC of the current round ended.
    void Ended(const HomaRpcRecord&)
    {
        if (--left == 0)
        {
            Simulator::ScheduleNow(&Rounds::Next, this);
        }
    }
};

/// Most bytes in one device queue.
struct QueuePeak
{
    uint64_t peak{0}; //!< most bytes

    /// BytesInQueue trace.
    void Update(uint32_t, uint32_t bytes)
    {
        peak = std::max<uint64_t>(peak, bytes);
    }
};

/// \param device a device \return its transmit queue (null if it has none)
Ptr<QueueBase>
TxQueueOf(Ptr<NetDevice> device)
{
    PointerValue queue;
    return device->GetAttributeFailSafe("TxQueue", queue) ? queue.Get<QueueBase>() : nullptr;
}

/// Build the fabric, run the rounds with the optimization off or on, collect what happened.
Result
Run(const Options& o, bool on)
{
    Result res;
    res.label = on ? "on" : "off";
    std::vector<uint32_t> rackOf(o.servers + 1);
    for (uint32_t h = 1; h <= o.servers; ++h)
    {
        rackOf[h] = (h - 1) % o.racks;
    }
    LeafSpineHelper fabric;
    fabric.SetHostRacks(rackOf);
    fabric.SetSpines(1);
    fabric.SetHostRate(DataRate(o.rate));
    fabric.SetFabricRate(DataRate(o.uplinkRate));
    fabric.SetHostLinkDelay(Time(o.delay));
    fabric.SetFabricLinkDelay(Time(o.delay));
    // Under a shared buffer the ports' own limit is set out of the way: the buffer decides.
    uint32_t portPackets = o.switchBuffer > 0 ? 1000000 : o.buffer;
    HomaHelper homa;
    if (!o.profile.empty())
    {
        homa.SetProfile(o.profile);
    }
    HomaHelper::ConfigureFabric(fabric,
                                QueueSize(QueueSizeUnit::PACKETS, portPackets),
                                false,
                                homa.GetNicDataByLevel());
    if (o.switchBuffer > 0)
    {
        fabric.SetSharedBuffer("ns3::SharedBuffer", "Size", UintegerValue(o.switchBuffer));
    }
    fabric.Install();
    NodeContainer hosts = fabric.GetHosts();

    if (on)
    {
        homa.SetAttribute("IncastThreshold", UintegerValue(o.threshold));
        homa.SetAttribute("IncastUnschedBytes", UintegerValue(o.limit));
    }
    homa.Install(hosts);

    Rounds rounds;
    rounds.client = hosts.Get(0);
    rounds.o = &o;
    HomaServerHelper server(4000);
    server.SetAttribute("ResponseSize", UintegerValue(o.responseSize));
    for (uint32_t h = 1; h <= o.servers; ++h)
    {
        server.Install(hosts.Get(h)).Start(Seconds(0));
        rounds.servers.push_back(InetSocketAddress(fabric.GetHostAddress(h), 4000));
    }
    rounds.Next();

    // The client's downlink: the ToR port at the other end of its NIC.
    Ptr<NetDevice> nic = hosts.Get(0)->GetDevice(1);
    Ptr<Channel> channel = nic->GetChannel();
    Ptr<NetDevice> down =
        channel->GetDevice(0) == nic ? channel->GetDevice(1) : channel->GetDevice(0);
    QueuePeak watch;
    TxQueueOf(down)->TraceConnectWithoutContext("BytesInQueue",
                                                MakeCallback(&QueuePeak::Update, &watch));

    Simulator::Stop(Seconds(o.maxTime));
    Simulator::Run();

    for (uint32_t r = 0; r < rounds.apps.size(); ++r)
    {
        for (const HomaRpcRecord& rec : rounds.apps[r]->GetRecords())
        {
            if (rec.error != HomaRpcError::NONE)
            {
                ++res.failed;
                continue;
            }
            res.fct.push_back((rec.end - rec.start).GetSeconds() * 1e6);
            res.round.push_back(r);
        }
    }
    res.peakQueue = watch.peak;
    res.downDrops = TxQueueOf(down)->GetTotalDroppedPackets();
    NodeContainer switches(fabric.GetTors(), fabric.GetSpines());
    for (uint32_t n = 0; n < switches.GetN(); ++n)
    {
        Ptr<Node> sw = switches.Get(n);
        for (uint32_t d = 0; d < sw->GetNDevices(); ++d)
        {
            if (Ptr<QueueBase> q = TxQueueOf(sw->GetDevice(d)))
            {
                res.drops += q->GetTotalDroppedPackets();
            }
        }
    }
    if (Ptr<SharedBuffer> pool = LeafSpineHelper::GetSharedBuffer(down->GetNode()))
    {
        res.poolPeak = pool->GetPeakOccupancy();
        res.poolDrops = pool->GetTotalDrops();
    }
    for (uint32_t h = 0; h <= o.servers; ++h)
    {
        const HomaMetrics& m = hosts.Get(h)->GetObject<HomaL4Protocol>()->GetMetrics();
        res.resent += m.resentPackets;
        res.marked += m.incastMarked;
        res.limited += m.incastLimited;
    }
    Simulator::Destroy();
    Ipv4AddressGenerator::Reset(); // the next run builds the same addresses again
    return res;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    std::string incast = "both";
    std::string csv = "homa-fanout";
    std::string plot = "homa-fanout";
    CommandLine cmd(__FILE__);
    cmd.AddValue("servers", "servers, each answering the client (the fan-in's senders)", o.servers);
    cmd.AddValue("perServer", "requests to each server per round", o.perServer);
    cmd.AddValue("requestSize", "request bytes", o.requestSize);
    cmd.AddValue("responseSize", "response bytes", o.responseSize);
    cmd.AddValue("rounds", "rounds, each sent when the previous one is answered", o.rounds);
    cmd.AddValue("racks", "ToR switches; the client is in rack 0", o.racks);
    cmd.AddValue("rate", "rate of the host links", o.rate);
    cmd.AddValue("uplinkRate", "rate of the ToR-spine links", o.uplinkRate);
    cmd.AddValue("delay", "propagation delay of every link", o.delay);
    cmd.AddValue("buffer",
                 "packets per switch port and NIC queue (without --switchBuffer)",
                 o.buffer);
    cmd.AddValue("switchBuffer",
                 "bytes of one buffer shared by each switch's ports (dynamic thresholds, "
                 "alpha 1; 0: each port its --buffer)",
                 o.switchBuffer);
    cmd.AddValue("profile", "HomaHelper::SetProfile first: linux or paper", o.profile);
    cmd.AddValue("threshold", "IncastThreshold when the optimization is on", o.threshold);
    cmd.AddValue("limit", "IncastUnschedBytes when the optimization is on", o.limit);
    cmd.AddValue("incast",
                 "the incast optimization: off, on or both (one after the other)",
                 incast);
    cmd.AddValue("csv", "prefix of the per-RPC CSV files (none: no file)", csv);
    cmd.AddValue("plot", "prefix of the gnuplot script and PNG (none: no plot)", plot);
    cmd.AddValue("maxTime", "simulated seconds at most per run", o.maxTime);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_UNLESS(o.servers >= 1 && o.perServer >= 1 && o.rounds >= 1 && o.racks >= 1,
                        "--servers, --perServer, --rounds and --racks must be at least 1");
    NS_ABORT_MSG_UNLESS(incast == "off" || incast == "on" || incast == "both",
                        "--incast is off, on or both");
    NS_ABORT_MSG_UNLESS(o.limit >= 1 && o.limit <= 65535, "--limit is 1 to 65535 bytes");

    std::cout << "homa-fanout: 1 client, " << o.servers << " servers in " << o.racks << " racks, "
              << o.perServer << " request(s) of " << o.requestSize
              << " B to each per round, responses of " << o.responseSize << " B, " << o.rounds
              << " rounds; " << o.rate << " host links, "
              << (o.switchBuffer > 0 ? std::to_string(o.switchBuffer) + " B shared per switch"
                                     : std::to_string(o.buffer) + " packets per port")
              << (o.profile.empty() ? "" : ", profile " + o.profile) << "\n"
              << "incast optimization when on: threshold " << o.threshold << " RPCs, limit "
              << o.limit << " B\n\n";
    std::cout << std::left << std::setw(9) << "incast" << std::right << std::setw(6) << "rpcs"
              << std::setw(7) << "failed" << std::setw(10) << "p50(us)" << std::setw(10)
              << "p99(us)" << std::setw(10) << "max(us)" << std::setw(12) << "peakQ(B)"
              << std::setw(10) << "downDrop" << std::setw(8) << "drops" << std::setw(12)
              << "poolPeak(B)" << std::setw(10) << "poolDrop" << std::setw(8) << "resent"
              << std::setw(8) << "marked" << std::setw(8) << "limited"
              << "\n";

    Gnuplot gp(plot + ".png");
    gp.SetTerminal("png size 800,500");
    gp.SetTitle("homa-fanout: " + std::to_string(o.servers) + " servers x " +
                std::to_string(o.perServer) + ", " + std::to_string(o.responseSize) +
                " B responses");
    gp.SetLegend("RPC completion time (us)", "fraction of RPCs");
    gp.AppendExtra("set key bottom right");
    bool complete = true;
    for (bool on : {false, true})
    {
        if ((on && incast == "off") || (!on && incast == "on"))
        {
            continue;
        }
        Result r = Run(o, on);
        std::vector<double> sorted = r.fct;
        std::sort(sorted.begin(), sorted.end());
        std::cout << std::left << std::setw(9) << r.label << std::right << std::fixed
                  << std::setprecision(1) << std::setw(6) << r.fct.size() << std::setw(7)
                  << r.failed << std::setw(10) << MessageStats::Percentile(sorted, 50)
                  << std::setw(10) << MessageStats::Percentile(sorted, 99) << std::setw(10)
                  << MessageStats::Percentile(sorted, 100) << std::setw(12) << r.peakQueue
                  << std::setw(10) << r.downDrops << std::setw(8) << r.drops << std::setw(12)
                  << r.poolPeak << std::setw(10) << r.poolDrops << std::setw(8) << r.resent
                  << std::setw(8) << r.marked << std::setw(8) << r.limited << "\n";
        complete = complete && r.failed == 0 && r.fct.size() == o.rounds * o.servers * o.perServer;
        if (csv != "none")
        {
            std::ofstream out(csv + "-" + r.label + ".csv");
            out << "round,completion_us\n";
            for (size_t k = 0; k < r.fct.size(); ++k)
            {
                out << r.round[k] << "," << r.fct[k] << "\n";
            }
        }
        Gnuplot2dDataset cdf("incast optimization " + r.label);
        cdf.SetStyle(Gnuplot2dDataset::LINES);
        for (size_t k = 0; k < sorted.size(); ++k)
        {
            cdf.Add(sorted[k], double(k + 1) / sorted.size());
        }
        gp.AddDataset(cdf);
    }
    if (plot != "none")
    {
        std::ofstream script(plot + ".plt");
        gp.GenerateOutput(script);
        script.close();
        if (std::system("command -v gnuplot >/dev/null 2>&1") == 0)
        {
            std::string run = "gnuplot " + plot + ".plt";
            NS_ABORT_MSG_IF(std::system(run.c_str()) != 0, "homa-fanout: gnuplot failed");
        }
    }
    std::cout << "\n"
              << (complete ? "every RPC completed"
                           : "NOT every RPC completed (see failed; raise --maxTime?)")
              << "\n";
    return complete ? 0 : 1;
}
