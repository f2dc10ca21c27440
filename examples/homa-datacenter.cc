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
// collects. --timeline=HOST records one host's downlink over time (DownlinkTimeline) and
// draws it; --timelineBeside draws an earlier run's (e.g. TCP's) next to it:
//
//   ./ns3 run "homa-datacenter --workload=W4 --load=0.8 --time=0.01 --timeline=0
//              --timelineStart=5 --timelineLength=2"   (one line)
//
// Distributed (ns-3's mpi module): under mpirun the run is split over the ranks, racks in
// contiguous blocks and spines where they even out the work (LeafSpineHelper::SetRanks;
// at most one rank per rack), and rank 0 prints the same report (--distinctDelays: the
// serial run's report exactly):
//
//   mpirun -np 2 build/contrib/homa/examples/ns3.37-homa-datacenter-default --workload=W5 ...

#include "ns3/core-module.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <map>
#include <memory>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HomaDatacenter");

namespace
{

/// Everything the command line sets.
struct Options
{
    std::string transport{"homa"};         //!< homa, tcp, dctcp or udp
    std::string workload{"W3"};            //!< W1..W5 or a CDF path
    double load{0.5};                      //!< offered load
    double time{0.0005};                   //!< arrival window, seconds
    double drain{0.05};                    //!< seconds after the window
    uint32_t racks{9};                     //!< racks
    uint32_t hostsPerRack{16};             //!< hosts per rack
    uint32_t spines{4};                    //!< spines
    std::string hostRate{"10Gbps"};        //!< host link rate
    std::string fabricRate{"40Gbps"};      //!< ToR-spine link rate
    std::string hostDelay{"875ns"};        //!< host link propagation delay
    std::string fabricDelay{"250ns"};      //!< ToR-spine link propagation delay
    uint32_t unschedRack{0};               //!< Homa: unscheduled bytes within a rack (0: global)
    std::string switches{"fast"};          //!< fast or ip
    std::string queues{"auto"};            //!< device, qdisc or auto
    std::string links{"fabric"};           //!< fabric or p2p
    uint32_t tcpBuffer{250};               //!< TCP/DCTCP port buffer, packets
    uint32_t ecnK{65};                     //!< DCTCP marking threshold at 10 Gbps
    double tcpMinRto{0.005};               //!< TCP minimum RTO, seconds
    std::string csv{"none"};               //!< per-message CSV
    std::string summary{"none"};           //!< per-bucket CSV
    std::string ranges{"none"};            //!< per-range CSV
    std::string rangeBounds;               //!< CSV of given ranges' upper bounds
    std::string boundRanges{"none"};       //!< per-range CSV over those bounds
    std::string cost{"none"};              //!< cost CSV
    std::string pcap;                      //!< pcap prefix
    std::string pcapHosts{"0"};            //!< hosts to capture
    std::string idealModel{"pipelined"};   //!< pipelined or simulator
    std::string loadOn{"messages"};        //!< messages or wire
    bool paper{false};                     //!< the paper simulator's settings
    bool simulatorW1{false};               //!< W1 as the paper's simulator drew it
    std::string profile;                   //!< HomaHelper::SetProfile (empty: none)
    uint32_t overcommit{0};                //!< Homa's overcommitment (0: the workload's)
    uint64_t switchBuffer{0};              //!< bytes shared by each switch's ports (0: per port)
    std::string bufferPolicy{"dt"};        //!< dt or static
    std::string alphas{"1 1 1 1 1 1 1 1"}; //!< dynamic-threshold alphas, level 0 first
    std::string switchChip;                //!< a chip whose buffer --switchBuffer takes
    std::string poolSeries;                //!< CSV of each pool's occupancy over time
    double poolInterval{100};              //!< its interval, us
    uint64_t portLimit{200000};            //!< static: bytes per port
    std::string faults;                    //!< link and spine faults
    double faultDetection{1};              //!< ms from a wire's change to the routes'
    std::string timeline{"none"};          //!< host whose downlink is recorded
    std::string timelinePrefix{"homa-datacenter-timeline"}; //!< its files
    double timelineInterval{10};                            //!< its intervals, us
    double timelineStart{0};                                //!< its window's start, ms
    double timelineLength{0};                               //!< its window's length, ms
    std::string timelineBeside;                             //!< LABEL:PREFIX drawn beside it
    uint32_t timelineHost{0};                               //!< the host --timeline chose
    uint32_t seed{1};                                       //!< run number
    bool mpi{MpiRankHelper::LaunchedByMpirun()};            //!< distributed
    std::string mpiSync{"gtw"};                             //!< gtw or null
    bool distinctDelays{false}; //!< fs resolution, a distinct extra delay per fabric link
    std::string traceLengths;   //!< MIN:MAX: Homa messages traced packet by packet
    std::string nicOrder;       //!< level or homa: how host NICs serve DATA (else the profile's)
    double nicBacklog{-1};      //!< Homa's MaxNicBacklog in us, after the profile (< 0: its)
    std::string traceFile{"homa-datacenter-trace.csv"}; //!< --traceLengths: the CSV
    bool progress{false};                               //!< ShowProgress
    bool plan{false};                                   //!< only draw the schedule
};

/// \return the options of the command line, checked \param argc \param argv
Options
Parse(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("transport",
                 "homa, tcp (NewReno, drop-tail), dctcp (ECN marking) or udp (plain datagrams, "
                 "the benchmark's floor)",
                 o.transport);
    cmd.AddValue("racks", "racks (ToR switches)", o.racks);
    cmd.AddValue("hostsPerRack", "hosts per rack", o.hostsPerRack);
    cmd.AddValue("spines", "spine switches", o.spines);
    cmd.AddValue("queues",
                 "port queues: device (the devices' own queues, fastest), qdisc (a queue disc "
                 "per port) or auto (device, but qdisc for dctcp, whose RED marks in one)",
                 o.queues);
    cmd.AddValue("switches",
                 "fast (FabricSwitch, forwarding below IP) or ip (ns-3 IP routers)",
                 o.switches);
    cmd.AddValue("links",
                 "the links' devices: fabric (FabricNetDevice, the same frames and timing "
                 "at less cost) or p2p (ns-3's PointToPointNetDevice)",
                 o.links);
    cmd.AddValue("hostRate", "host link rate", o.hostRate);
    cmd.AddValue("fabricRate", "ToR-spine link rate", o.fabricRate);
    cmd.AddValue("hostDelay", "host link propagation delay", o.hostDelay);
    cmd.AddValue("fabricDelay",
                 "ToR-spine link propagation delay (longer: round trips across the spines "
                 "grow, those within a rack do not)",
                 o.fabricDelay);
    cmd.AddValue("unschedRack",
                 "Homa: unscheduled bytes for peers in the sender's own rack, one "
                 "SetUnschedBytesFor rule per peer (0: UnschedBytes for every peer)",
                 o.unschedRack);
    cmd.AddValue("workload", "W1..W5 (shipped) or the path of a CDF file", o.workload);
    cmd.AddValue("load", "offered load per host, fraction of the host link rate", o.load);
    cmd.AddValue("time", "seconds during which messages arrive", o.time);
    cmd.AddValue("drain", "seconds after that for the last messages to arrive", o.drain);
    cmd.AddValue("tcpBuffer", "tcp/dctcp: packets each switch port holds", o.tcpBuffer);
    cmd.AddValue("ecnK", "dctcp: marking threshold K in packets at 10 Gbps", o.ecnK);
    cmd.AddValue("tcpMinRto", "tcp/dctcp: minimum retransmission timeout, seconds", o.tcpMinRto);
    cmd.AddValue("csv", "CSV file of every message (none: no file)", o.csv);
    cmd.AddValue("summary", "CSV file of the per-bucket results (none: no file)", o.summary);
    cmd.AddValue("ranges",
                 "CSV file of the results per size range of about 1 % of the messages, as the "
                 "paper's figures bin them (none: no file)",
                 o.ranges);
    cmd.AddValue("rangeBounds",
                 "a CSV whose first column holds size ranges' upper bounds in bytes, "
                 "ascending, after a header line (e.g. the paper simulator's per-range data, "
                 "doc/data/paper-sim): --boundRanges gives the results over those ranges",
                 o.rangeBounds);
    cmd.AddValue("boundRanges",
                 "CSV file of the results per size range of --rangeBounds, in --ranges' "
                 "columns (none: no file)",
                 o.boundRanges);
    cmd.AddValue("pcap",
                 "capture the NICs of --pcapHosts into PREFIX-<node>-1.pcap (empty: none)",
                 o.pcap);
    cmd.AddValue("pcapHosts", "comma-separated host indices to capture with --pcap", o.pcapHosts);
    cmd.AddValue("cost",
                 "CSV file of the run's cost: wall time, events, packets, memory (none: no file)",
                 o.cost);
    cmd.AddValue("ideal",
                 "the slowdown's ideal time: pipelined (the last packet stored and forwarded "
                 "at each further link) or simulator (a full packet, as the paper's simulator)",
                 o.idealModel);
    cmd.AddValue("simulatorW1",
                 "draw W1 as the paper's simulator did (MessageWorkload::SimulatorW1; set by "
                 "--paper), so that other settings can run the paper's traffic",
                 o.simulatorW1);
    cmd.AddValue("loadOn",
                 "what the load counts: messages (each message's DATA packets with their "
                 "headers) or wire (every byte its RPC puts on host links: grants and the "
                 "response too)",
                 o.loadOn);
    cmd.AddValue("paper",
                 "the Homa paper simulator's settings where they differ from Linux: its ideal "
                 "time (--ideal=simulator), its load over all wire bytes (--loadOn=wire), "
                 "exactly its 9328 unscheduled bytes, its W1 (MessageWorkload::SimulatorW1) and "
                 "its graduated unscheduled priorities with the tail boost "
                 "(HomaHelper::SetGraduatedPriorities), grants by rank alone (GrantInOrder "
                 "false), no FIFO grants or pacer picks, one granted message per sender: "
                 "HomaHelper::SetProfile(\"paper\")",
                 o.paper);
    cmd.AddValue("profile",
                 "homa: HomaHelper::SetProfile before the example's own settings: linux (the "
                 "kernel's defaults, its cutoffs and overcommitment too) or paper (what --paper "
                 "sets of Homa); empty: the module's defaults. Its values win over "
                 "--ns3::HomaL4Protocol:: ones",
                 o.profile);
    cmd.AddValue("overcommit",
                 "homa: messages granted at once (MaxOvercommit); 0: the workload's scheduled "
                 "levels, as the paper's simulator",
                 o.overcommit);
    cmd.AddValue("switchBuffer",
                 "bytes of one buffer shared by each switch's ports (SharedBuffer; 0: each "
                 "port its own, the default); with queue discs (dctcp) each port's RED takes "
                 "its bytes from it (set --tcpBuffer large for the pool to be the limit)",
                 o.switchBuffer);
    cmd.AddValue("switchChip",
                 "--switchBuffer from a switch chip: sn2410 (13,200,000 B: the Mellanox "
                 "SN2410's egress pool ePool0 as HomaModule's cloudlab/bin/switch.py sets it, "
                 "behind the Linux Homa measurements) or trident3 (32,000,000 B: Broadcom "
                 "BCM56870, one buffer shared by all ports); chips whose buffer is split into "
                 "slices (Trident II, Tomahawk) are not one pool",
                 o.switchChip);
    cmd.AddValue("bufferPolicy",
                 "--switchBuffer: dt (dynamic thresholds, Choudhury-Hahne) or static "
                 "(--portLimit bytes per port)",
                 o.bufferPolicy);
    cmd.AddValue("alphas", "--switchBuffer, dt: eight alphas, priority level 0 first", o.alphas);
    cmd.AddValue("portLimit", "--switchBuffer, static: bytes per port", o.portLimit);
    cmd.AddValue("poolSeries",
                 "--switchBuffer: CSV of every switch pool's most bytes held in each "
                 "--poolInterval (serial runs; empty: none)",
                 o.poolSeries);
    cmd.AddValue("poolInterval", "--poolSeries: interval in us", o.poolInterval);
    cmd.AddValue("faults",
                 "comma-separated faults, times in ms: link:RACK:SPINE:DOWN:UP (a ToR-spine "
                 "link) or spine:SPINE:DOWN:UP (all of a spine's links); UP 'never' keeps it down",
                 o.faults);
    cmd.AddValue("faultDetection",
                 "--faults: ms between a link's failure or repair and the routes' (detection)",
                 o.faultDetection);
    cmd.AddValue("timeline",
                 "record host HOST's downlink (DownlinkTimeline: each message's bytes, the "
                 "ToR port's queue by level, the switch pool, Homa's granted bytes) into "
                 "--timelinePrefix-<transport>-{link,messages,shares}.csv and draw it "
                 "(--timelinePrefix-<transport>.plt, .png); busiest: the host offered the "
                 "most bytes in the window; none: no timeline",
                 o.timeline);
    cmd.AddValue("timelinePrefix", "--timeline: the files' prefix", o.timelinePrefix);
    cmd.AddValue("timelineInterval", "--timeline: interval in us", o.timelineInterval);
    cmd.AddValue("timelineStart", "--timeline: window start in ms", o.timelineStart);
    cmd.AddValue("timelineLength",
                 "--timeline: window length in ms (0: to the end of the run)",
                 o.timelineLength);
    cmd.AddValue("timelineBeside",
                 "--timeline: LABEL:PREFIX of an earlier run's timeline files, drawn to the "
                 "left of this run's on the same axes (e.g. homa:homa-datacenter-timeline-homa)",
                 o.timelineBeside);
    cmd.AddValue("seed", "run number (RngRun) of the random streams", o.seed);
    cmd.AddValue("mpi",
                 "distributed simulation over the MPI ranks (default: true when started by "
                 "mpirun); needs ns-3's mpi module",
                 o.mpi);
    cmd.AddValue("mpiSync",
                 "--mpi: how the ranks synchronise: gtw (granted time window, "
                 "ns3::DistributedSimulatorImpl) or null (null messages, "
                 "ns3::NullMessageSimulatorImpl)",
                 o.mpiSync);
    cmd.AddValue("distinctDelays",
                 "simulate at femtosecond resolution and give each ToR-spine link an extra "
                 "delay of its own, under 1 ns (LeafSpineHelper::SetFabricLinkSkew), so that "
                 "no two packets over different fabric links reach a node in the same "
                 "instant: a run split over MPI ranks then repeats the serial run exactly",
                 o.distinctDelays);
    cmd.AddValue("nicOrder",
                 "Homa: how host NICs serve DATA packets: level (by priority level) or homa "
                 "(in the order Homa hands them over); default: the profile's, homa under "
                 "--paper, level otherwise (HomaHelper::SetNicDataByLevel)",
                 o.nicOrder);
    cmd.AddValue("nicBacklog",
                 "Homa: MaxNicBacklog in microseconds, set after the profile (which wins over "
                 "--ns3:: defaults; --paper sets 0); negative: the profile's or the default",
                 o.nicBacklog);
    cmd.AddValue("traceLengths",
                 "MIN:MAX: write every packet of the Homa messages of MIN to MAX bytes, as "
                 "the hosts send and receive them, to --traceFile (HomaMessageTrace; "
                 "utils/message-trace.py tells where each one's time went)",
                 o.traceLengths);
    cmd.AddValue("traceFile",
                 "--traceLengths: the CSV (under MPI, each rank writes FILE.RANK)",
                 o.traceFile);
    cmd.AddValue("progress", "print the simulation's progress (ShowProgress)", o.progress);
    cmd.AddValue("plan",
                 "draw the schedule and print what it offers, without simulating: messages, "
                 "the work-conserving fabric's share of the second half's bytes "
                 "(MessageStats::WorkConservingBytes) and the messages per size range: to choose "
                 "a window long enough for steady state",
                 o.plan);
    cmd.Parse(argc, argv);
    if (!o.switchChip.empty())
    {
        const std::map<std::string, uint64_t> chips{{"sn2410", 13200000}, {"trident3", 32000000}};
        auto chip = chips.find(o.switchChip);
        NS_ABORT_MSG_IF(chip == chips.end(),
                        "--switchChip is sn2410 or trident3, not " << o.switchChip);
        NS_ABORT_MSG_IF(o.switchBuffer > 0 && o.switchBuffer != chip->second,
                        "--switchChip and --switchBuffer disagree: give one");
        o.switchBuffer = chip->second;
    }
    NS_ABORT_MSG_UNLESS(o.transport == "homa" || o.transport == "tcp" || o.transport == "dctcp" ||
                            o.transport == "udp",
                        "--transport is homa, tcp, dctcp or udp");
    NS_ABORT_MSG_UNLESS(o.load > 0 && o.load < 1.5,
                        "--load is a fraction of the link rate, e.g. 0.5");
    NS_ABORT_MSG_UNLESS(o.switches == "fast" || o.switches == "ip", "--switches is fast or ip");
    NS_ABORT_MSG_UNLESS(o.links == "fabric" || o.links == "p2p", "--links is fabric or p2p");
    if (o.queues == "auto")
    {
        o.queues = o.transport == "dctcp" ? "qdisc" : "device";
    }
    NS_ABORT_MSG_UNLESS(o.queues == "qdisc" || o.queues == "device",
                        "--queues is auto, qdisc or device");
    if (o.paper)
    {
        o.idealModel = "simulator";
        o.loadOn = "wire";
        o.simulatorW1 = true;
    }
    NS_ABORT_MSG_IF(o.unschedRack > 0 && o.transport != "homa",
                    "--unschedRack is a Homa setting: use it with --transport=homa");
    NS_ABORT_MSG_UNLESS(o.loadOn == "messages" || o.loadOn == "wire",
                        "--loadOn is messages or wire");
    NS_ABORT_MSG_UNLESS(o.idealModel == "pipelined" || o.idealModel == "simulator",
                        "--ideal is pipelined or simulator");
    NS_ABORT_MSG_IF(o.queues == "device" && o.transport == "dctcp",
                    "--transport=dctcp needs --queues=qdisc (RED marks in a queue disc)");
    NS_ABORT_MSG_IF(!o.poolSeries.empty() && (o.switchBuffer == 0 || o.mpi),
                    "--poolSeries needs --switchBuffer and a serial run");
    NS_ABORT_MSG_UNLESS(o.bufferPolicy == "dt" || o.bufferPolicy == "static",
                        "--bufferPolicy is dt or static");
    NS_ABORT_MSG_UNLESS(o.nicOrder.empty() || o.nicOrder == "level" || o.nicOrder == "homa",
                        "--nicOrder is level or homa, not " << o.nicOrder);
    NS_ABORT_MSG_IF(o.boundRanges != "none" && o.rangeBounds.empty(),
                    "--boundRanges needs --rangeBounds");
    NS_ABORT_MSG_UNLESS(o.profile.empty() || o.profile == "linux" || o.profile == "paper",
                        "--profile is linux or paper");
    NS_ABORT_MSG_IF(o.paper && o.profile == "linux", "--paper is --profile=paper, not linux");
    NS_ABORT_MSG_UNLESS(o.timelineInterval > 0 && o.timelineStart >= 0 && o.timelineLength >= 0,
                        "--timelineInterval must be positive, --timelineStart and "
                        "--timelineLength not negative");
    NS_ABORT_MSG_IF(!o.timelineBeside.empty() && o.timelineBeside.find(':') == std::string::npos,
                    "--timelineBeside is LABEL:PREFIX");
    return o;
}

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

/// Scheduled priority levels of the paper's simulator, by workload.
/// \param workload W1..W5 or a path \return the levels
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

/// The transport and what the report says of it.
struct Transport
{
    Ptr<MessageTransport> transport;           //!< the transport
    std::string cutoffs;                       //!< Homa's cutoffs (homa only)
    std::function<double(uint32_t)> loadBytes; //!< what a message counts for the load
};

/**
 * \brief Homa as the paper's simulator configured it: 8 levels, the scheduled levels and
 * overcommitment per workload, cutoffs from the workload (the same on every host, used from
 * the first packet), messages up to the workload's largest. --paper: exactly its 9328
 * unscheduled bytes (defaultReqBytes + defaultUnschedBytes, homaTransportConfig.ini), the last
 * unscheduled packet cut short, graduated priorities, grants by rank alone.
 * \param o options \param w the workload \return the transport
 */
Transport
MakeTransport(const Options& o, const MessageWorkload& w)
{
    Transport t;
    // The load counts each message's DATA bytes with their headers, or (--loadOn=wire) every
    // byte the RPC puts on host links: grants and the 1-byte response too, as Homa carries it
    // (the same schedule serves every transport).
    // Homa's settings: a profile (--paper: the simulator's) over the module's defaults and
    // the --ns3:: ones.
    HomaHelper homa;
    std::string profile = o.paper ? "paper" : o.profile;
    if (!profile.empty())
    {
        homa.SetProfile(profile);
    }
    if (!o.nicOrder.empty())
    {
        homa.SetNicDataByLevel(o.nicOrder == "level");
    }
    if (o.nicBacklog >= 0)
    {
        homa.SetAttribute("MaxNicBacklog",
                          TimeValue(NanoSeconds(std::llround(o.nicBacklog * 1e3))));
    }
    NS_ABORT_MSG_IF(o.transport == "homa" && o.queues == "qdisc" && !homa.GetNicDataByLevel(),
                    "--queues=qdisc serves DATA by level at host NICs; the " + profile +
                        " profile sends it in Homa's order: add --nicOrder=level or use "
                        "--queues=device");
    Ptr<HomaL4Protocol> settings = homa.CreateProtocol();
    uint32_t unschedBytes = settings->GetUnschedBytes();
    bool whole = settings->GetUnschedWholePackets();
    t.loadBytes = [wire = o.loadOn == "wire", unschedBytes, whole](uint32_t size) {
        return wire ? static_cast<double>(
                          MessageStats::RpcWireBytes(size, unschedBytes, 1, 1500, whole))
                    : static_cast<double>(MessageStats::WireBytes(size));
    };
    bool queueDiscs = o.queues != "device";
    if (o.transport == "tcp" || o.transport == "dctcp")
    {
        t.transport = CreateObjectWithAttributes<TcpMessageTransport>(
            "Dctcp",
            BooleanValue(o.transport == "dctcp"),
            "PortBuffer",
            QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, o.tcpBuffer)),
            "QueueDiscs",
            BooleanValue(queueDiscs),
            "EcnThreshold",
            UintegerValue(o.ecnK),
            "MinRto",
            TimeValue(Seconds(o.tcpMinRto)));
        return t;
    }
    if (o.transport == "udp")
    {
        t.transport =
            CreateObjectWithAttributes<UdpMessageTransport>("QueueDiscs", BooleanValue(queueDiscs));
        return t;
    }
    uint32_t largest = 1;
    for (const auto& [size, prob] : w.GetPoints())
    {
        largest = std::max(largest, static_cast<uint32_t>(std::ceil(size)));
    }
    uint8_t sched = SchedLevels(o.workload);
    bool kernel = profile == "linux";
    if (!kernel || o.overcommit)
    {
        // The simulator's overcommitment per workload (the kernel's 8 under --profile=linux).
        homa.SetAttribute("MaxOvercommit", UintegerValue(o.overcommit ? o.overcommit : sched));
    }
    homa.SetAttribute("MaxMessageLength",
                      UintegerValue(std::max(largest, HomaCutoffs::MAX_MESSAGE_LENGTH)));
    if (kernel)
    {
        // The kernel's own cutoffs, learnt by senders from CUTOFFS packets.
        t.cutoffs = HomaCutoffs::Format(settings->GetCutoffs()) + " (the kernel's)";
    }
    else
    {
        t.cutoffs = HomaCutoffs::Format(
            o.paper ? homa.SetGraduatedPriorities(w.GetPoints(), 8 - sched)
                    : homa.SetCutoffsFromDistribution(w.GetPoints(), 8 - sched));
    }
    Ptr<HomaMessageTransport> h =
        CreateObjectWithAttributes<HomaMessageTransport>("QueueDiscs", BooleanValue(queueDiscs));
    h->SetHomaHelper(homa);
    t.transport = h;
    return t;
}

/**
 * \brief Unscheduled bytes per peer by a table: every Homa host sends \p bytes unscheduled to
 * the hosts of its own rack (their shorter round trip), UnschedBytes to the others.
 * \param fabric the fabric, Homa installed \param bytes the allowance within a rack
 */
void
SetUnschedWithinRacks(LeafSpineHelper& fabric, uint32_t bytes)
{
    NodeContainer hosts = fabric.GetHosts();
    for (uint32_t h = 0; h < hosts.GetN(); ++h)
    {
        Ptr<HomaL4Protocol> homa = hosts.Get(h)->GetObject<HomaL4Protocol>();
        if (!homa)
        {
            continue; // a host of another MPI rank
        }
        for (uint32_t p = 0; p < hosts.GetN(); ++p)
        {
            if (p != h && fabric.GetRack(p) == fabric.GetRack(h))
            {
                homa->SetUnschedBytesFor(fabric.GetHostAddress(p),
                                         Ipv4Mask("255.255.255.255"),
                                         bytes);
            }
        }
    }
}

/// \return the message count of the emptiest size range (0 when there is none)
/// \param ranges the ranges
size_t
FewestMessages(const std::vector<SlowdownBucket>& ranges)
{
    size_t fewest = SIZE_MAX;
    for (const SlowdownBucket& r : ranges)
    {
        fewest = std::min(fewest, r.messages);
    }
    return ranges.empty() ? 0 : fewest;
}

/// \return each message's size, in schedule order \param msgs the messages
std::vector<uint32_t>
Sizes(const std::vector<MessageRecord>& msgs)
{
    std::vector<uint32_t> sizes;
    sizes.reserve(msgs.size());
    for (const MessageRecord& m : msgs)
    {
        sizes.push_back(m.size);
    }
    return sizes;
}

/// --plan: what the schedule offers. \param o options \param exp the experiment (set up)
void
PrintPlan(const Options& o, const MessageExperiment& exp)
{
    const std::vector<MessageRecord>& msgs = exp.GetMessages();
    std::vector<uint32_t> sizes = Sizes(msgs);
    std::vector<SlowdownBucket> perRange =
        MessageStats::RangeSlowdowns(sizes,
                                     std::vector<double>(sizes.size(), -1),
                                     exp.GetWorkload().SizeRanges(0.01));
    double offered = static_cast<double>(exp.GetOfferedBytes());
    std::cout << std::fixed << std::setprecision(3)
              << "homa-datacenter --plan: " << exp.GetTransport()->GetHosts().GetN()
              << " hosts, workload " << o.workload << ", load " << o.load << ", " << o.time * 1e3
              << " ms of arrivals: " << msgs.size()
              << " messages; a work-conserving fabric would deliver "
              << (offered > 0 ? 100 * exp.GetWorkConservingBytes() / offered : 0)
              << " % of the second half's offered bytes in it; " << perRange.size()
              << " size ranges of ~1 %, the fewest holding " << FewestMessages(perRange)
              << " messages\n";
}

/// --pcap: every packet the chosen hosts send or receive, at their NICs (device 1).
/// \param o options \param fabric the fabric
void
EnablePcap(const Options& o, LeafSpineHelper& fabric)
{
    std::istringstream list(o.pcapHosts);
    std::string item;
    while (std::getline(list, item, ','))
    {
        uint32_t h = std::stoul(item);
        NS_ABORT_MSG_UNLESS(h < fabric.GetNHosts(),
                            "--pcapHosts: host " << h << " of " << fabric.GetNHosts());
        if (MpiRankHelper::IsLocal(fabric.GetHosts().Get(h)))
        {
            fabric.EnablePcap(o.pcap, fabric.GetHosts().Get(h)->GetDevice(1));
        }
    }
}

/// The per-message CSV. \param o options \param exp the experiment \param ideal ideal
/// times \param slowdown slowdowns
void
WriteMessages(const Options& o,
              const MessageExperiment& exp,
              const std::vector<Time>& ideal,
              const std::vector<double>& slowdown)
{
    std::ofstream out(o.csv);
    // Times to the nanosecond (3 decimals of us).
    out << std::fixed << std::setprecision(3);
    out << "transport,src,dst,size_bytes,start_us,end_us,completion_us,ideal_us,slowdown\n";
    const std::vector<MessageRecord>& msgs = exp.GetMessages();
    for (size_t i = 0; i < msgs.size(); ++i)
    {
        const MessageRecord& m = msgs[i];
        bool done = m.end >= Time(0);
        out << o.transport << "," << m.src << "," << m.dst << "," << m.size << ","
            << m.start.GetNanoSeconds() / 1e3 << "," << (done ? m.end.GetNanoSeconds() / 1e3 : -1)
            << "," << (done ? (m.end - m.start).GetNanoSeconds() / 1e3 : -1) << ","
            << ideal[i].GetNanoSeconds() / 1e3 << "," << slowdown[i] << "\n";
    }
}

/// The steady-state lines: delivered load, tenth by tenth next to the work-conserving fabric.
/// \param o options \param exp the experiment \param ratio delivered over offered bytes
/// \param reference the work-conserving fabric's ratio
void
PrintLoad(const Options& o, const MessageExperiment& exp, double ratio, double reference)
{
    std::cout << "  delivered load " << ratio * o.load << " of each host link (offered " << o.load
              << " counted over " << (o.loadOn == "wire" ? "every wire byte" : "message bytes")
              << "; in the second half of the arrival window receivers got " << 100 * ratio
              << " % of the bytes offered in it, a work-conserving fabric " << 100 * reference
              << " %); hosts sent " << exp.GetMeasuredHostLoad()
              << " of their links' capacity then\n";
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
}

/**
 * \brief Size ranges' upper bounds from the first column of a CSV (after its header line).
 * \param file the CSV \return the bounds, ascending
 */
std::vector<uint32_t>
ReadBounds(const std::string& file)
{
    std::ifstream in(file);
    NS_ABORT_MSG_UNLESS(in, "--rangeBounds: cannot read " << file);
    std::string line;
    std::getline(in, line); // the header
    std::vector<uint32_t> bounds;
    while (std::getline(in, line))
    {
        if (line.empty())
        {
            continue;
        }
        std::istringstream cells(line);
        double bound = 0;
        NS_ABORT_MSG_UNLESS((cells >> bound) && bound >= 1 &&
                                (bounds.empty() || bound > bounds.back()),
                            "--rangeBounds: " << file << ": not an ascending size: " << line);
        bounds.push_back(static_cast<uint32_t>(bound));
    }
    NS_ABORT_MSG_IF(bounds.empty(), "--rangeBounds: no bounds in " << file);
    return bounds;
}

/// Slowdowns by size: ten buckets of equal count (and --summary), the paper's ~1 % ranges
/// (and --ranges). \param o options \param exp the experiment \param slowdown per message
/// \param delivered messages delivered \param ratio delivered over offered bytes
/// \param reference the work-conserving fabric's ratio
void
PrintSlowdowns(const Options& o,
               const MessageExperiment& exp,
               const std::vector<double>& slowdown,
               size_t delivered,
               double ratio,
               double reference)
{
    const std::vector<MessageRecord>& msgs = exp.GetMessages();
    uint32_t n = exp.GetTransport()->GetHosts().GetN();
    std::ofstream sum;
    if (o.summary != "none")
    {
        sum.open(o.summary);
        sum << "transport,workload,load,hosts,bucket,cum_fraction,max_size,messages,"
               "delivered,p50,p99,delivered_load,unfinished,reference_load\n";
    }
    std::cout << "  slowdown by size (10 buckets of equal message count):\n"
              << "    bucket  max size (B)      p50      p99\n";
    // Buckets of equal count by size (ties broken by schedule order).
    std::vector<uint32_t> sizes = Sizes(msgs);
    double shortP99 = 0;
    for (const SlowdownBucket& b : MessageStats::SlowdownBuckets(sizes, slowdown, 10))
    {
        shortP99 = b.index == 0 ? b.p99 : shortP99;
        std::cout << "    " << std::setw(6) << b.index << "  " << std::setw(12) << b.maxSize << "  "
                  << std::setw(7) << std::setprecision(2) << b.p50 << "  " << std::setw(7) << b.p99
                  << std::setprecision(3) << "\n";
        if (sum.is_open())
        {
            sum << o.transport << "," << o.workload << "," << o.load << "," << n << "," << b.index
                << "," << b.cumFraction << "," << b.maxSize << "," << b.messages << ","
                << b.delivered << "," << b.p50 << "," << b.p99 << "," << ratio * o.load << ","
                << msgs.size() - delivered << "," << reference * o.load << "\n";
        }
    }
    std::cout << "  short messages (smallest 10 %): p99 slowdown " << std::setprecision(2)
              << shortP99 << std::setprecision(3) << "\n";
    std::vector<SlowdownBucket> perRange =
        MessageStats::RangeSlowdowns(sizes, slowdown, exp.GetWorkload().SizeRanges(0.01));
    std::cout << "  size ranges of ~1 % (the paper's bins): " << perRange.size()
              << " with messages, the fewest holding " << FewestMessages(perRange)
              << " (the paper's figures need >= 100 each)\n";
    auto writeRanges = [&](const std::string& file, const std::vector<SlowdownBucket>& ranges) {
        std::ofstream out(file);
        NS_ABORT_MSG_UNLESS(out, "cannot write " << file);
        out << "transport,workload,load,hosts,range,cum_fraction,max_size,messages,delivered,p50,"
               "p99\n";
        for (const SlowdownBucket& r : ranges)
        {
            out << o.transport << "," << o.workload << "," << o.load << "," << n << "," << r.index
                << "," << r.cumFraction << "," << r.maxSize << "," << r.messages << ","
                << r.delivered << "," << r.p50 << "," << r.p99 << "\n";
        }
    };
    if (o.ranges != "none")
    {
        writeRanges(o.ranges, perRange);
    }
    if (o.boundRanges != "none")
    {
        writeRanges(o.boundRanges,
                    MessageStats::RangeSlowdowns(sizes, slowdown, ReadBounds(o.rangeBounds)));
    }
}

/// The run's cost (and --cost). \param o options \param exp the experiment \param wall wall
/// seconds \param simulated simulated seconds \param delivered messages delivered
/// \param lookahead the MPI lookahead
void
PrintCost(const Options& o,
          const MessageExperiment& exp,
          double wall,
          double simulated,
          size_t delivered,
          Time lookahead)
{
    uint64_t events = exp.GetEvents();
    uint64_t packets = exp.GetPacketsReceived();
    uint64_t peak = 0;
    for (const MessageExperiment::RankCounters& r : exp.GetRanks())
    {
        peak = std::max(peak, r.peakMiB);
    }
    std::cout << "  cost (" << BuildProfile() << " profile): wall " << wall << " s for "
              << simulated * 1e3
              << " simulated ms = " << (simulated > 0 ? wall / (simulated * 1e3) : 0)
              << " wall s per simulated ms\n";
    std::cout << "        " << events << " events, " << std::setprecision(0) << events / wall
              << " events per wall second, " << packets / wall
              << " data packets delivered per wall second, " << exp.GetLinkPackets()
              << " packets put on links (" << std::setprecision(2)
              << (packets > 0 ? double(exp.GetLinkPackets()) / packets : 0)
              << " per data packet: hops, grants, acks)\n";
    std::cout << "        peak memory " << peak << " MiB";
    if (MpiRankHelper::IsEnabled())
    {
        std::cout << " (the largest rank's; per rank:";
        for (const MessageExperiment::RankCounters& r : exp.GetRanks())
        {
            std::cout << " " << r.peakMiB;
        }
        std::cout << "); events per rank:";
        for (const MessageExperiment::RankCounters& r : exp.GetRanks())
        {
            std::cout << " " << r.events;
        }
        std::cout << "; " << MpiRankHelper::GetSize() << " MPI ranks, " << o.mpiSync
                  << " synchronisation, lookahead " << lookahead.GetNanoSeconds()
                  << " ns (the ToR-spine links)";
    }
    std::cout << "\n";
    if (o.cost != "none")
    {
        // Machine-readable, for utils/benchmark.sh.
        std::ofstream out(o.cost);
        out << "transport,workload,load,hosts,switches,profile,simulated_ms,wall_s,"
               "wall_s_per_simulated_ms,events,events_per_wall_s,data_packets_per_wall_s,"
               "peak_mib,messages,delivered,data_packets,ranks,link_packets,links\n";
        out << std::fixed << std::setprecision(6) << o.transport << "," << o.workload << ","
            << o.load << "," << exp.GetTransport()->GetHosts().GetN() << "," << o.switches << ","
            << BuildProfile() << "," << simulated * 1e3 << "," << wall << ","
            << (simulated > 0 ? wall / (simulated * 1e3) : 0) << "," << events << ","
            << std::setprecision(0) << events / wall << "," << packets / wall << "," << peak << ","
            << exp.GetMessages().size() << "," << delivered << "," << packets << ","
            << MpiRankHelper::GetSize() << "," << exp.GetLinkPackets() << "," << o.links << "\n";
    }
}

/// Rank 0's report. \param o options \param exp the experiment (finished) \param cutoffs
/// Homa's \param wall wall seconds of the run \param fabric the fabric
/// \return true if every message was delivered
bool
Report(const Options& o,
       const MessageExperiment& exp,
       const std::string& cutoffs,
       double wall,
       const LeafSpineHelper& fabric)
{
    const std::vector<MessageRecord>& msgs = exp.GetMessages();
    std::vector<Time> ideal = exp.GetIdealTimes(
        o.idealModel == "simulator" ? MessageStats::SIMULATOR : MessageStats::PIPELINED);
    std::vector<double> slowdown = exp.GetSlowdowns(ideal);
    size_t delivered = 0;
    Time lastEnd;
    for (const MessageRecord& m : msgs)
    {
        delivered += m.end >= Time(0) ? 1 : 0;
        lastEnd = std::max(lastEnd, m.end);
    }
    if (o.csv != "none")
    {
        WriteMessages(o, exp, ideal, slowdown);
    }
    double offered = static_cast<double>(exp.GetOfferedBytes());
    double ratio = offered > 0 ? exp.GetWindowBytes() / offered : 0;
    double reference = offered > 0 ? exp.GetWorkConservingBytes() / offered : 0;
    std::cout << std::fixed << std::setprecision(3);
    std::cout << "homa-datacenter: " << o.transport << ", " << fabric.GetNHosts() << " hosts ("
              << o.racks << " x " << o.hostsPerRack << ", " << o.spines << " spines), workload "
              << o.workload << ", load " << o.load << ", " << o.time * 1e3 << " ms of arrivals\n";
    if (!cutoffs.empty() && o.profile == "linux")
    {
        std::cout << "  Homa: --profile=linux (HomaModule's defaults, overcommitment "
                  << (o.overcommit ? o.overcommit : 8) << "), cutoffs " << cutoffs << "\n";
    }
    else if (!cutoffs.empty())
    {
        std::cout << "  Homa: " << +SchedLevels(o.workload)
                  << " scheduled levels (overcommitment), cutoffs " << cutoffs << "\n";
    }
    std::cout << "  messages " << msgs.size() << ", delivered " << delivered << ", unfinished "
              << msgs.size() - delivered << " (after " << o.drain * 1e3 << " ms more)";
    if (o.transport == "tcp" || o.transport == "dctcp")
    {
        auto [opened, mostByOne] = exp.GetConnectionsOpened();
        std::cout << ", bytes still held by TCP senders " << exp.GetBacklog()
                  << "; connections opened " << opened << " (the most by one host " << mostByOne
                  << ")";
    }
    std::cout << "\n";
    if (o.switchBuffer > 0)
    {
        std::cout << "  switch buffers: " << o.switchBuffer << " B"
                  << (o.switchChip.empty() ? "" : " (" + o.switchChip + ")")
                  << " shared by each switch's ports ("
                  << (o.bufferPolicy == "dt"
                          ? "dynamic thresholds, alphas " + o.alphas
                          : "static, " + std::to_string(o.portLimit) + " B per port")
                  << "): the fullest held " << exp.GetPoolPeak()
                  << " B at its peak, time-weighted p99 " << exp.GetPoolP99()
                  << " B in the window's second half; " << exp.GetPoolDrops()
                  << " packets refused\n";
    }
    if (!o.faults.empty())
    {
        std::cout << "  faults " << o.faults << " (detection " << o.faultDetection
                  << " ms): " << exp.GetLostFrames() << " frames lost on dead links; "
                  << exp.GetRetransmitted() << " data packets sent again; " << exp.GetFailed()
                  << " messages failed (reported to the sender)\n";
    }
    else if (o.transport == "homa")
    {
        std::cout << "  recovery: " << exp.GetRetransmitted() << " data packets sent again; "
                  << exp.GetFailed() << " messages failed (reported to the sender)\n";
    }
    PrintLoad(o, exp, ratio, reference);
    PrintSlowdowns(o, exp, slowdown, delivered, ratio, reference);
    // Simulated time: until the last delivery (the Stop event comes later).
    double simulated = std::max(lastEnd.GetSeconds(), o.time);
    PrintCost(o, exp, wall, simulated, delivered, fabric.GetFabricLinkDelay());
    return delivered == msgs.size();
}

/**
 * --timeline's host.
 * \param spec a host index, or busiest
 * \param schedule the experiment's messages
 * \param start the window's start \param stop its end
 * \param fabric the fabric
 * \return the host
 */
uint32_t
TimelineHost(const std::string& spec,
             const std::vector<MessageRecord>& schedule,
             Time start,
             Time stop,
             const LeafSpineHelper& fabric)
{
    if (spec != "busiest")
    {
        char* end = nullptr;
        unsigned long host = std::strtoul(spec.c_str(), &end, 10);
        NS_ABORT_MSG_UNLESS(!spec.empty() && *end == '\0' && host < fabric.GetNHosts(),
                            "--timeline is none, busiest or a host of 0.." << fabric.GetNHosts() - 1
                                                                           << ", not " << spec);
        return static_cast<uint32_t>(host);
    }
    // The host offered the most bytes by messages created in the window (the schedule is
    // drawn before the run, the same on every rank).
    std::vector<uint64_t> offered(fabric.GetNHosts(), 0);
    for (const MessageRecord& m : schedule)
    {
        if (m.start >= start && m.start < stop)
        {
            offered[m.dst] += m.size;
        }
    }
    return static_cast<uint32_t>(std::max_element(offered.begin(), offered.end()) -
                                 offered.begin());
}

/// Close --timeline's intervals, write its files and its plot (with --timelineBeside's run to
/// its left). \param o the options \param timeline the host's timeline
void
WriteTimeline(const Options& o, DownlinkTimeline& timeline)
{
    timeline.Finish(Simulator::Now());
    std::string prefix = o.timelinePrefix + "-" + o.transport;
    timeline.Write(prefix);
    std::vector<DownlinkTimeline::PlotRun> runs;
    if (!o.timelineBeside.empty())
    {
        size_t colon = o.timelineBeside.find(':');
        runs.push_back({o.timelineBeside.substr(0, colon), o.timelineBeside.substr(colon + 1)});
    }
    runs.push_back({o.transport, prefix});
    std::ofstream plt(prefix + ".plt");
    NS_ABORT_MSG_UNLESS(plt, "--timeline: cannot write " << prefix << ".plt");
    DownlinkTimeline::WritePlot(plt,
                                prefix + ".png",
                                "Host " + std::to_string(o.timelineHost) + "'s downlink, " +
                                    o.workload + " at " + std::to_string(int(o.load * 100)) +
                                    " % load",
                                runs);
    plt.close();
    std::cout << "timeline: host " << o.timelineHost << ", wrote " << prefix
              << "-{link,messages,shares}.csv and " << prefix << ".plt";
    if (std::system("command -v gnuplot >/dev/null 2>&1") == 0 &&
        std::system(("gnuplot " + prefix + ".plt").c_str()) == 0)
    {
        std::cout << " and " << prefix << ".png";
    }
    std::cout << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    // A binary heap orders this simulation's events faster than ns-3's default map (same
    // order: events are sorted by time, then by insertion); --SchedulerType overrides.
    GlobalValue::Bind("SchedulerType", TypeIdValue(HeapScheduler::GetTypeId()));
    Options o = Parse(argc, argv);
    if (o.distinctDelays)
    {
        Time::SetResolution(Time::FS); // before any simulation object exists
    }
    RngSeedManager::SetRun(o.seed);
    if (o.mpi)
    {
        MpiRankHelper::Enable(&argc, &argv, MpiRankHelper::ParseSync(o.mpiSync));
    }
    bool root = MpiRankHelper::GetRank() == 0;

    LeafSpineHelper fabric;
    fabric.SetRacks(o.racks);
    fabric.SetHostsPerRack(o.hostsPerRack);
    fabric.SetSpines(o.spines);
    fabric.SetLinks(o.links == "fabric" ? LeafSpineHelper::FABRIC_LINKS
                                        : LeafSpineHelper::POINT_TO_POINT);
    fabric.SetSwitches(o.switches == "fast" ? LeafSpineHelper::FAST : LeafSpineHelper::IP_ROUTER);
    fabric.SetHostRate(DataRate(o.hostRate));
    fabric.SetFabricRate(DataRate(o.fabricRate));
    fabric.SetHostLinkDelay(Time(o.hostDelay));
    fabric.SetFabricLinkDelay(Time(o.fabricDelay));
    if (o.distinctDelays)
    {
        fabric.SetFabricLinkSkew(NanoSeconds(1));
    }
    if (o.switchBuffer > 0)
    {
        fabric.SetSharedBuffer("ns3::SharedBuffer",
                               "Size",
                               UintegerValue(o.switchBuffer),
                               "Policy",
                               StringValue(o.bufferPolicy == "dt" ? "DynamicThreshold" : "Static"),
                               "Alphas",
                               StringValue(o.alphas),
                               "PortLimit",
                               UintegerValue(o.portLimit));
    }
    // W1..W5 or a file; --paper (or --simulatorW1) draws W1 as the paper's simulator did.
    MessageWorkload workload = o.simulatorW1 && o.workload == "W1"
                                   ? MessageWorkload::SimulatorW1()
                                   : MessageWorkload::Load(o.workload);
    Transport t = MakeTransport(o, workload);
    MessageExperiment exp(fabric, t.transport);
    exp.SetWorkload(workload);
    exp.SetLoad(o.load);
    exp.SetLoadBytes(t.loadBytes);
    exp.SetWindow(Seconds(o.time));
    exp.Setup();
    if (o.unschedRack > 0)
    {
        SetUnschedWithinRacks(fabric, o.unschedRack);
    }
    if (!o.faults.empty())
    {
        fabric.SetFaultDetection(MicroSeconds(o.faultDetection * 1e3));
        fabric.ScheduleFaults(o.faults);
    }
    if (o.plan)
    {
        if (root)
        {
            PrintPlan(o, exp);
        }
        Simulator::Destroy();
        MpiRankHelper::Disable();
        return 0;
    }
    if (!o.pcap.empty())
    {
        EnablePcap(o, fabric);
    }
    std::unique_ptr<SharedBufferSeries> pools;
    if (!o.poolSeries.empty())
    {
        pools = std::make_unique<SharedBufferSeries>(MicroSeconds(o.poolInterval));
        for (bool tors : {true, false})
        {
            NodeContainer tier = tors ? fabric.GetTors() : fabric.GetSpines();
            for (uint32_t i = 0; i < tier.GetN(); ++i)
            {
                if (Ptr<SharedBuffer> pool = LeafSpineHelper::GetSharedBuffer(tier.Get(i)))
                {
                    pools->Add((tors ? "tor" : "spine") + std::to_string(i), pool);
                }
            }
        }
    }
    std::unique_ptr<DownlinkTimeline> timeline;
    if (o.timeline != "none")
    {
        Time start = MicroSeconds(o.timelineStart * 1e3);
        Time stop =
            o.timelineLength > 0 ? start + MicroSeconds(o.timelineLength * 1e3) : Time::Max();
        o.timelineHost = TimelineHost(o.timeline, exp.GetMessages(), start, stop, fabric);
        if (MpiRankHelper::IsLocal(fabric.GetHosts().Get(o.timelineHost)))
        {
            timeline = std::make_unique<DownlinkTimeline>(MicroSeconds(o.timelineInterval));
            timeline->SetWindow(start, stop);
            timeline->WatchHost(fabric, o.timelineHost);
        }
    }
    std::unique_ptr<HomaMessageTrace> trace;
    if (!o.traceLengths.empty())
    {
        uint32_t lo = 0;
        uint32_t hi = 0;
        char colon = 0;
        std::istringstream in(o.traceLengths);
        NS_ABORT_MSG_UNLESS((in >> lo >> colon >> hi) && colon == ':' && in.peek() == EOF,
                            "--traceLengths is MIN:MAX in bytes, not " << o.traceLengths);
        NS_ABORT_MSG_UNLESS(o.transport == "homa", "--traceLengths traces Homa messages only");
        std::string file = o.traceFile;
        if (MpiRankHelper::IsEnabled())
        {
            file += "." + std::to_string(MpiRankHelper::GetRank());
        }
        trace = std::make_unique<HomaMessageTrace>(file, lo, hi);
        NodeContainer local;
        for (uint32_t h = 0; h < fabric.GetNHosts(); ++h)
        {
            if (MpiRankHelper::IsLocal(fabric.GetHosts().Get(h)))
            {
                local.Add(fabric.GetHosts().Get(h));
            }
        }
        trace->Install(local);
    }
    std::unique_ptr<ShowProgress> show;
    if (o.progress && root)
    {
        show = std::make_unique<ShowProgress>(Seconds(1), std::cerr);
    }
    auto wallStart = std::chrono::steady_clock::now();
    Simulator::Stop(Seconds(o.time + o.drain));
    Simulator::Run();
    double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    if (pools)
    {
        std::ofstream out(o.poolSeries);
        NS_ABORT_MSG_UNLESS(out, "--poolSeries: cannot write " << o.poolSeries);
        pools->Write(out, Simulator::Now());
    }
    if (timeline)
    {
        WriteTimeline(o, *timeline);
    }
    exp.Finish(); // every rank's records to rank 0, which reports
    bool complete = !root || Report(o, exp, t.cutoffs, wall, fabric);
    Simulator::Destroy();
    MpiRankHelper::Disable();
    return complete ? 0 : 1;
}
