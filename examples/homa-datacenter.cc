/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-datacenter: the Homa paper's simulation setting, for Homa and for ns-3's TCP and
// DCTCP on the same traffic. A two-level fabric (by default 9 racks of 16 hosts, 4 spines,
// 10/40 Gbps; LeafSpineHelper); every host sends one-way messages with Poisson
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
// pooled connection (TcpMessageBaseline).
//
// Homa's configuration follows the paper's simulator: 8 priority levels, the number of
// scheduled levels and the overcommitment fixed per workload (W1 1, W2 3, W3 4, W4 7, W5 7),
// unscheduled cutoffs computed from the workload's distribution (equal unscheduled bytes per
// level), every host assuming its peers use the same cutoffs (AssumePeerCutoffs), message
// length limit raised to the workload's largest message, switch buffers unlimited. TCP:
// NewReno on drop-tail ports of --tcpBuffer packets; DCTCP: TcpDctcp with ECN, RED ports
// marking above K = 65 packets at 10 Gbps (scaled for 40 Gbps). Routing sprays Homa packets
// over the spines and hashes TCP connections (FabricRouting).
//
// Metric: slowdown = completion time (message created at the sender to its last byte
// delivered to the receiving application) / the ideal time of that message alone on the idle
// fabric (MessageStats::IdealMessageTime: the last packet stored and forwarded at each further
// link; --ideal=simulator: a full packet, as the paper's simulator). Messages are put in
// ten buckets of equal count by size; the median and 99th percentile of each bucket are
// printed and written to --summary. "Delivered load": message bytes that reached receivers
// in the second half of the arrival window (the first half lets the network fill), as a
// fraction of the bytes of the messages created in that half, times the offered load; a
// transport that keeps up delivers about 1.0 of the offered load, one that falls behind
// less (short windows understate it for workloads with messages of milliseconds). The same
// tenth by tenth of the window, next to a work-conserving fabric's (MessageStats::
// WorkConservingBytes), with the bytes created and not yet delivered at the end of each tenth:
// bounded at steady state. A gap to the work-conserving fabric that grows tenth after tenth
// while the fabric's own backlog has levelled off means the transport falls behind the load;
// while that backlog still grows (heavy-tailed sizes at high load: the reference puts no limit
// on senders) the window is too short to tell. Output also has the run's cost (wall time per
// simulated ms, events and packets per wall second, peak memory), which utils/benchmark.sh
// collects.
//
// Distributed (ns-3's mpi module): under mpirun the run is split over the ranks, racks in
// contiguous blocks and spines where they even out the work (LeafSpineHelper::SetRanks;
// at most one rank per rack), and rank 0 prints the same report:
//
//   mpirun -np 2 build/contrib/homa/examples/ns3.37-homa-datacenter-default --workload=W5 ...

#include "homa-datacenter-experiment.h"

#include "ns3/core-module.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <sstream>

using namespace ns3;
using namespace ns3::homadc;

NS_LOG_COMPONENT_DEFINE("HomaDatacenter");

namespace
{

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

/// \return each message's size, in schedule order
std::vector<uint32_t>
Sizes(const std::vector<Message>& msgs)
{
    std::vector<uint32_t> sizes;
    sizes.reserve(msgs.size());
    for (const Message& m : msgs)
    {
        sizes.push_back(m.size);
    }
    return sizes;
}

/// \return the message count of the emptiest size range (0 when there is none)
size_t
FewestMessages(const std::vector<HomaSlowdownBucket>& ranges)
{
    size_t fewest = SIZE_MAX;
    for (const HomaSlowdownBucket& r : ranges)
    {
        fewest = std::min(fewest, r.messages);
    }
    return ranges.empty() ? 0 : fewest;
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
    bool plan = false;
    std::string switches = "fast";
    std::string queues = "auto";
    std::string links = "fabric";
    std::string idealModel = "pipelined";
    std::string loadOn = "messages";
    bool mpi = MpiRankHelper::LaunchedByMpirun();
    std::string mpiSync = "gtw";
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
                 "fast (FabricSwitch, forwarding below IP) or ip (ns-3 IP routers)",
                 switches);
    cmd.AddValue("links",
                 "the links' devices: fabric (FabricNetDevice, the same frames and timing "
                 "at less cost) or p2p (ns-3's PointToPointNetDevice)",
                 links);
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
                 "time (--ideal=simulator), its load over all wire bytes (--loadOn=wire), "
                 "exactly its 9328 unscheduled bytes, its W1 (MessageWorkload::SimulatorW1) and "
                 "its graduated unscheduled priorities with the tail boost "
                 "(HomaHelper::SetGraduatedPriorities), and grants by rank alone (GrantInOrder "
                 "false)",
                 c.paper);
    cmd.AddValue("overcommit",
                 "homa: messages granted at once (MaxOvercommit); 0: the workload's scheduled "
                 "levels, as the paper's simulator",
                 c.overcommit);
    cmd.AddValue("seed", "run number (RngRun) of the random streams", c.seed);
    cmd.AddValue("mpi",
                 "distributed simulation over the MPI ranks (default: true when started by "
                 "mpirun); needs ns-3's mpi module",
                 mpi);
    cmd.AddValue("mpiSync",
                 "--mpi: how the ranks synchronise: gtw (granted time window, "
                 "ns3::DistributedSimulatorImpl) or null (null messages, "
                 "ns3::NullMessageSimulatorImpl)",
                 mpiSync);
    cmd.AddValue("progress", "print the simulation's progress (ShowProgress)", progress);
    cmd.AddValue("plan",
                 "draw the schedule and print what it offers, without simulating: messages, "
                 "the work-conserving fabric's share of the second half's bytes "
                 "(MessageStats::WorkConservingBytes) and the messages per size range: to choose "
                 "a window long enough for steady state",
                 plan);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_UNLESS(c.transport == "homa" || c.transport == "tcp" || c.transport == "dctcp" ||
                            c.transport == "udp",
                        "--transport is homa, tcp, dctcp or udp");
    NS_ABORT_MSG_UNLESS(c.load > 0 && c.load < 1.5,
                        "--load is a fraction of the link rate, e.g. 0.5");
    RngSeedManager::SetRun(c.seed);
    if (mpi)
    {
        MpiRankHelper::Enable(&argc, &argv, MpiRankHelper::ParseSync(mpiSync));
    }
    bool root = MpiRankHelper::GetRank() == 0;

    LeafSpineHelper fabric;
    fabric.SetRacks(racks);
    fabric.SetHostsPerRack(hostsPerRack);
    fabric.SetSpines(spines);
    NS_ABORT_MSG_UNLESS(switches == "fast" || switches == "ip", "--switches is fast or ip");
    NS_ABORT_MSG_UNLESS(links == "fabric" || links == "p2p", "--links is fabric or p2p");
    fabric.SetLinks(links == "fabric" ? LeafSpineHelper::FABRIC_LINKS
                                      : LeafSpineHelper::POINT_TO_POINT);
    fabric.SetSwitches(switches == "fast" ? LeafSpineHelper::FAST : LeafSpineHelper::IP_ROUTER);
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
    MessageStats::IdealModel model =
        idealModel == "simulator" ? MessageStats::SIMULATOR : MessageStats::PIPELINED;
    NS_ABORT_MSG_IF(queues == "device" && c.transport == "dctcp",
                    "--transport=dctcp needs --queues=qdisc (RED marks in a queue disc)");
    c.queueDiscs = queues != "device";
    fabric.SetHostRate(DataRate(hostRate));
    fabric.SetFabricRate(DataRate(fabricRate));
    Experiment exp(fabric, c);
    exp.Setup();
    uint32_t n = fabric.GetNHosts();
    if (plan && !root)
    {
        Simulator::Destroy();
        MpiRankHelper::Disable();
        return 0;
    }
    if (plan)
    {
        const std::vector<Message>& msgs = exp.GetMessages();
        std::vector<uint32_t> sizes = Sizes(msgs);
        std::vector<HomaSlowdownBucket> perRange =
            MessageStats::RangeSlowdowns(sizes,
                                         std::vector<double>(sizes.size(), -1),
                                         exp.GetWorkload().SizeRanges(0.01));
        double offered = static_cast<double>(exp.GetOfferedBytes());
        std::cout << std::fixed << std::setprecision(3) << "homa-datacenter --plan: " << n
                  << " hosts, workload " << c.workload << ", load " << c.load << ", "
                  << c.time * 1e3 << " ms of arrivals: " << msgs.size()
                  << " messages; a work-conserving fabric would deliver "
                  << (offered > 0 ? 100 * exp.GetWorkConservingBytes() / offered : 0)
                  << " % of the second half's offered bytes in it; " << perRange.size()
                  << " size ranges of ~1 %, the fewest holding " << FewestMessages(perRange)
                  << " messages\n";
        Simulator::Destroy();
        MpiRankHelper::Disable();
        return 0;
    }
    if (!pcap.empty())
    {
        // Every packet a host sends or receives, at its NIC (device 1; 0 is the loopback).
        std::istringstream list(pcapHosts);
        std::string item;
        while (std::getline(list, item, ','))
        {
            uint32_t h = std::stoul(item);
            NS_ABORT_MSG_UNLESS(h < n, "--pcapHosts: host " << h << " of " << n);
            if (!MpiRankHelper::IsLocal(fabric.GetHosts().Get(h)))
            {
                continue; // the rank that simulates it writes its capture
            }
            fabric.EnablePcap(pcap, fabric.GetHosts().Get(h)->GetDevice(1));
        }
    }

    std::unique_ptr<ShowProgress> show;
    if (progress && root)
    {
        show = std::make_unique<ShowProgress>(Seconds(1), std::cerr);
    }
    auto wallStart = std::chrono::steady_clock::now();
    Simulator::Stop(Seconds(c.time + drain));
    Simulator::Run();
    double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    // Every rank's records to rank 0, which reports.
    exp.Finish();
    if (!root)
    {
        Simulator::Destroy();
        MpiRankHelper::Disable();
        return 0;
    }
    uint64_t events = exp.GetEvents();

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
        // Times to the nanosecond (3 decimals of us).
        out << std::fixed << std::setprecision(3);
        out << "transport,src,dst,size_bytes,start_us,end_us,completion_us,ideal_us,slowdown\n";
    }
    for (size_t i = 0; i < msgs.size(); ++i)
    {
        const Message& m = msgs[i];
        bool sameRack = fabric.GetRack(m.src) == fabric.GetRack(m.dst);
        Time ideal = sameRack
                         ? MessageStats::IdealMessageTime(m.size, {hr, hr}, {dh, dh}, 1500, model)
                         : MessageStats::IdealMessageTime(m.size,
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
    double reference = offered > 0 ? exp.GetWorkConservingBytes() / offered : 0;
    std::ofstream sum;
    if (summary != "none")
    {
        sum.open(summary);
        sum << "transport,workload,load,hosts,bucket,cum_fraction,max_size,messages,"
               "delivered,p50,p99,delivered_load,unfinished,reference_load\n";
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
        auto [opened, mostByOne] = exp.GetTcpConnections();
        std::cout << ", bytes still held by TCP senders " << exp.GetTcpBacklog()
                  << "; connections opened " << opened << " (the most by one host " << mostByOne
                  << ")";
    }
    std::cout << "\n";
    std::cout << "  delivered load " << ratio * c.load << " of each host link (offered " << c.load
              << " counted over " << (c.wireLoad ? "every wire byte" : "message bytes")
              << "; in the second half of the arrival window receivers got " << 100 * ratio
              << " % of the bytes offered in it, a work-conserving fabric " << 100 * reference
              << " %); hosts sent " << exp.GetMeasuredHostLoad()
              << " of their links' capacity then\n";
    // The same, tenth by tenth, next to the work-conserving fabric (see the top of the file).
    std::vector<std::array<uint64_t, 3>> tenths = exp.GetTenths();
    std::cout << "  each tenth of the window, bytes delivered in it / created in it:"
              << std::setprecision(2);
    for (const auto& t : tenths)
    {
        std::cout << " " << (t[1] > 0 ? static_cast<double>(t[0]) / t[1] : 0);
    }
    std::cout << "\n    a work-conserving fabric's:                                   ";
    for (const auto& t : tenths)
    {
        std::cout << " " << (t[1] > 0 ? static_cast<double>(t[2]) / t[1] : 0);
    }
    // What is left: bytes created and not yet delivered by the end of each tenth.
    std::cout << "\n  bytes created but not yet delivered at the end of each tenth (MB):";
    double left = 0;
    double leftWc = 0;
    std::ostringstream wc;
    for (const auto& t : tenths)
    {
        left += static_cast<double>(t[1]) - static_cast<double>(t[0]);
        leftWc += static_cast<double>(t[1]) - static_cast<double>(t[2]);
        std::cout << " " << std::setprecision(0) << left / 1e6;
        wc << " " << std::fixed << std::setprecision(0) << leftWc / 1e6;
    }
    std::cout << "\n    a work-conserving fabric's:                                        "
              << wc.str() << "\n"
              << std::setprecision(3);
    std::cout << "  slowdown by size (10 buckets of equal message count):\n"
              << "    bucket  max size (B)      p50      p99\n";
    // Slowdowns, buckets of equal count by size (ties broken by schedule order).
    std::vector<uint32_t> sizes = Sizes(msgs);
    double shortP99 = 0;
    for (const HomaSlowdownBucket& b : MessageStats::SlowdownBuckets(sizes, slowdown, 10))
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
                << msgs.size() - delivered << "," << reference * c.load << "\n";
        }
    }
    std::cout << "  short messages (smallest 10 %): p99 slowdown " << std::setprecision(2)
              << shortP99 << std::setprecision(3) << "\n";
    // The paper's binning: size ranges of about 1 % of the workload's messages each.
    std::vector<HomaSlowdownBucket> perRange =
        MessageStats::RangeSlowdowns(sizes, slowdown, exp.GetWorkload().SizeRanges(0.01));
    std::cout << "  size ranges of ~1 % (the paper's bins): " << perRange.size()
              << " with messages, the fewest holding " << FewestMessages(perRange)
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
    uint64_t peak = 0;
    for (const Counters& r : exp.GetRanks())
    {
        peak = std::max(peak, r.peakMiB);
    }
    // Simulated time: until the last delivery (the Stop event comes later).
    double simulated = std::max(lastEnd.GetSeconds(), c.time);
    std::cout << "  cost (" << BuildProfile() << " profile): wall " << wall << " s for "
              << simulated * 1e3
              << " simulated ms = " << (simulated > 0 ? wall / (simulated * 1e3) : 0)
              << " wall s per simulated ms\n";
    std::cout << "        " << events << " events, " << std::setprecision(0) << events / wall
              << " events per wall second, " << exp.GetPacketsReceived() / wall
              << " data packets delivered per wall second, " << exp.GetLinkPackets()
              << " packets put on links (" << std::setprecision(2)
              << (exp.GetPacketsReceived() > 0
                      ? double(exp.GetLinkPackets()) / exp.GetPacketsReceived()
                      : 0)
              << " per data packet: hops, grants, acks)\n";
    std::cout << "        peak memory " << peak << " MiB";
    if (MpiRankHelper::IsEnabled())
    {
        std::cout << " (the largest rank's; per rank:";
        for (const Counters& r : exp.GetRanks())
        {
            std::cout << " " << r.peakMiB;
        }
        std::cout << "); events per rank:";
        for (const Counters& r : exp.GetRanks())
        {
            std::cout << " " << r.events;
        }
        std::cout << "; " << MpiRankHelper::GetSize() << " MPI ranks, " << mpiSync
                  << " synchronisation, lookahead " << fabric.GetFabricLinkDelay().GetNanoSeconds()
                  << " ns (the ToR-spine links)";
    }
    std::cout << "\n";
    if (cost != "none")
    {
        // Machine-readable, for utils/benchmark.sh.
        std::ofstream out(cost);
        out << "transport,workload,load,hosts,switches,profile,simulated_ms,wall_s,"
               "wall_s_per_simulated_ms,events,events_per_wall_s,data_packets_per_wall_s,"
               "peak_mib,messages,delivered,data_packets,ranks,link_packets,links\n";
        out << std::fixed << std::setprecision(6) << c.transport << "," << c.workload << ","
            << c.load << "," << n << "," << switches << "," << BuildProfile() << ","
            << simulated * 1e3 << "," << wall << ","
            << (simulated > 0 ? wall / (simulated * 1e3) : 0) << "," << events << ","
            << std::setprecision(0) << events / wall << "," << exp.GetPacketsReceived() / wall
            << "," << peak << "," << msgs.size() << "," << delivered << ","
            << exp.GetPacketsReceived() << "," << MpiRankHelper::GetSize() << ","
            << exp.GetLinkPackets() << "," << links << "\n";
    }
    Simulator::Destroy();
    MpiRankHelper::Disable();
    return delivered == msgs.size() ? 0 : 1;
}
