/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-emu: one ns-3 node running Homa on a real network interface through an
// EmuFdNetDevice (raw packet socket), with the realtime simulator and checksums on. Two
// such processes, on the two ends of a veth pair or on two hosts, exchange real Homa
// packets (IP protocol 146, Linux wire format). Needs root (raw sockets).
//
//   server:  homa-emu --mode=server --device=veth0 --address=10.0.0.1 --requests=200
//   client:  homa-emu --mode=client --device=veth1 --address=10.0.0.2 --server=10.0.0.1
//
// The server echoes every request and checks its bytes against the client's pattern; it
// stops --linger seconds after answering --requests requests (or after --duration). The
// client sends --rpcs RPCs one at a time, sizes cycling through --sizes, prints each RPC's
// round-trip time, checks every response byte for byte, and prints a summary. Both exit
// non-zero on any failure (an RPC error, a byte that differs, RPCs left unfinished).
//
// With --tap the node uses a TapFdNetDevice on a new tap device named --device instead;
// homa-tap is this program built with --tap on by default.
//
// Against Linux Homa (HomaModule's util/server, or a Linux client): --responses on the
// client and --sizeInRequest on the server speak util/server's convention (the response
// length in bytes 4-7 of the request); --lossRate drops a share of this node's packets;
// --allowFailed accepts RPCs that end with an error (a peer that restarted). utils/
// interop-test.sh runs these against HomaModule in a QEMU guest.

#include "ns3/core-module.h"
#include "ns3/error-model.h"
#include "ns3/fd-net-device-module.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <iomanip>
#include <linux/if_packet.h>
#include <sstream>
#include <sys/socket.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HomaEmu");

namespace
{

/**
 * The client side's report: a HomaClient (sizes in turn, one RPC at a time, echoes checked)
 * issues the RPCs; this prints one line per RPC with its round trip on the wall clock, stops
 * the simulation after the last one and sums up.
 */
class EmuReport
{
  public:
    /**
     * \param client the client application
     * \param rpcs RPCs it will issue
     * \param linger time to run on after the last RPC (to answer the server's NEED_ACKs)
     */
    EmuReport(Ptr<HomaClient> client, uint32_t rpcs, Time linger)
        : m_client(client),
          m_rpcs(rpcs),
          m_linger(linger)
    {
        client->TraceConnectWithoutContext("Request", MakeCallback(&EmuReport::Sent, this));
        client->TraceConnectWithoutContext("Rpc", MakeCallback(&EmuReport::Done, this));
    }

    void Report() const
    {
        std::cout << "summary: " << m_done << " of " << m_rpcs << " RPCs byte-exact, " << m_failed
                  << " failed, " << m_differ << " differing" << std::endl;
        for (const auto& [size, rtts] : m_rtts)
        {
            std::cout << "  size " << std::setw(7) << size << " B: " << rtts.size()
                      << " RPCs, RTT p50 " << MessageStats::Percentile(rtts, 50) << " us, min "
                      << MessageStats::Percentile(rtts, 0) << " us, max "
                      << MessageStats::Percentile(rtts, 100) << " us" << std::endl;
        }
    }

    /// \param allowFailed RPCs that ended with an error count as ended
    /// \return true if every RPC ended, each byte-exact (or failed, if allowed)
    bool Ok(bool allowFailed) const
    {
        return m_differ == 0 &&
               (allowFailed ? m_done + m_failed == m_rpcs : m_done == m_rpcs && m_failed == 0);
    }

  private:
    /// Wall-clock time: Simulator::Now() stays at the event's time while the event runs.
    static Time WallNow()
    {
        return DynamicCast<RealtimeSimulatorImpl>(Simulator::GetImplementation())->RealtimeNow();
    }

    void Sent(const HomaRpcRecord& r)
    {
        m_start[r.id] = WallNow();
    }

    void Done(const HomaRpcRecord& r)
    {
        // Includes the client's byte check of the echo (about a millisecond for 1 MB).
        double rtt = (WallNow() - m_start[r.id]).GetMicroSeconds();
        m_start.erase(r.id);
        bool failed = r.error != HomaRpcError::NONE;
        std::cout << "rpc " << m_client->GetRecords().size() << " id " << r.id << " size "
                  << r.requestSize << " rtt_us " << rtt << " "
                  << (failed ? "error" : (r.echoMatches ? "ok" : "DIFFERS"));
        if (failed)
        {
            std::cout << " " << r.error;
        }
        std::cout << std::endl;
        if (failed)
        {
            ++m_failed;
        }
        else if (!r.echoMatches)
        {
            ++m_differ;
        }
        else
        {
            m_rtts[r.requestSize].push_back(rtt);
            ++m_done;
        }
        if (m_client->GetRecords().size() >= m_rpcs) // stored before the trace: the last RPC
        {
            Simulator::Stop(m_linger);
        }
    }

    Ptr<HomaClient> m_client;                       //!< the client
    uint32_t m_rpcs;                                //!< RPCs to issue
    Time m_linger;                                  //!< run time after the last RPC
    uint32_t m_done{0};                             //!< byte-exact RPCs
    uint32_t m_failed{0};                           //!< RPCs that ended with an error
    uint32_t m_differ{0};                           //!< echoes that differed
    std::map<uint64_t, Time> m_start;               //!< wall time each request left
    std::map<uint32_t, std::vector<double>> m_rtts; //!< round trips by size, us
};

/**
 * The raw packet socket the EmuFdNetDevice helper opened (FdNetDevice keeps its descriptor
 * to itself): the one AF_PACKET socket among this process's descriptors, or -1.
 */
int
FindRawSocket()
{
    for (int fd = 3; fd < 1024; ++fd)
    {
        int domain = 0;
        socklen_t len = sizeof(domain);
        if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 && domain == AF_PACKET)
        {
            return fd;
        }
    }
    return -1;
}

/**
 * Give the raw packet socket of an EmuFdNetDevice room for bursts: a 1 MB message is ~700
 * frames, far beyond the kernel's default socket buffers, and frames the socket cannot queue
 * are lost before ns-3 sees them. Also stop the socket from reading back the frames this
 * node sends itself (the device would discard them anyway, after the read thread paid for
 * them).
 */
void
TuneRawSocket(int fd, int bytes)
{
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof(bytes)) != 0)
    {
        std::cerr << "warning: cannot set the raw socket's buffers to " << bytes << " B"
                  << std::endl;
    }
#ifdef PACKET_IGNORE_OUTGOING
    int one = 1;
    if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) != 0)
    {
        std::cerr << "warning: PACKET_IGNORE_OUTGOING not supported" << std::endl;
    }
#endif
}

/**
 * How far the simulation clock falls behind the wall clock: sampled every millisecond.
 * Events run late when it grows, and Homa's timers see silences that are not there.
 */
class LagMeter
{
  public:
    /// Start sampling.
    void Start()
    {
        m_impl = DynamicCast<RealtimeSimulatorImpl>(Simulator::GetImplementation());
        Sample();
    }

    /// \return the largest lag seen
    Time GetMax() const
    {
        return m_max;
    }

  private:
    void Sample()
    {
        m_max = std::max(m_max, m_impl->RealtimeNow() - Simulator::Now());
        Simulator::Schedule(MilliSeconds(1), &LagMeter::Sample, this);
    }

    Ptr<RealtimeSimulatorImpl> m_impl;
    Time m_max;
};

/// \param list comma-separated sizes \return the sizes
std::vector<uint32_t>
ParseSizes(const std::string& list)
{
    std::vector<uint32_t> sizes;
    std::istringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
    {
        sizes.push_back(std::stoul(item));
    }
    return sizes;
}

/**
 * Loss on the ns-3 side: Homa's packets pass a RateErrorModel on their way down to IP
 * (an FdNetDevice has no error model of its own).
 */
class LossyDown
{
  public:
    /// \param protocol the node's Homa \param rate fraction of packets dropped
    void Insert(Ptr<HomaL4Protocol> protocol, double rate)
    {
        m_down = protocol->GetDownTarget();
        m_model = CreateObject<RateErrorModel>();
        m_model->SetAttribute("ErrorUnit", EnumValue(RateErrorModel::ERROR_UNIT_PACKET));
        m_model->SetAttribute("ErrorRate", DoubleValue(rate));
        protocol->SetDownTarget(MakeCallback(&LossyDown::Send, this));
    }

    /// \return packets dropped
    uint64_t GetDropped() const
    {
        return m_dropped;
    }

  private:
    void Send(Ptr<Packet> p, Ipv4Address src, Ipv4Address dst, uint8_t proto, Ptr<Ipv4Route> r)
    {
        if (m_model->IsCorrupt(p))
        {
            ++m_dropped;
            return;
        }
        m_down(p, src, dst, proto, r);
    }

    IpL4Protocol::DownTargetCallback m_down; //!< IP's send
    Ptr<RateErrorModel> m_model;             //!< the error model
    uint64_t m_dropped{0};                   //!< packets dropped
};

/// Server: stop a while after the expected number of requests.
void
WatchServer(Ptr<HomaServer> server, uint32_t requests, Time linger)
{
    if (requests > 0 && server->GetRequests() >= requests)
    {
        Simulator::Stop(linger);
        return;
    }
    Simulator::Schedule(MilliSeconds(10), &WatchServer, server, requests, linger);
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string mode = "server";
    std::string device = "veth0";
    std::string pcap;
    std::string address = "10.0.0.1";
    std::string mask = "255.255.255.0";
    std::string mac;
    std::string server = "10.0.0.1";
    uint16_t port = 9000;
    std::string sizeList = "1,100,1000,1424,5000,20000,100000,500000,1000000";
    std::string responseList;
    bool sizeInRequest = false;
    uint32_t outstanding = 1;
    double interval = 0;
    double clientLinger = 0;
    double lossRate = 0;
    bool allowFailed = false;
    uint32_t rpcs = 200;
    uint32_t requests = 0;
    double linger = 2;
    double start = 0.5;
    double duration = 120;
    std::string linkRate = "10Gbps";
    uint32_t rttBytes = 60000;
    uint32_t resendTicks = 20;
    uint32_t socketBuffer = 16 << 20;
    uint32_t rxQueue = 20000;
#ifdef HOMA_EMU_USE_TAP
    bool tap = true; // built as homa-tap
#else
    bool tap = false;
#endif

    CommandLine cmd(__FILE__);
    cmd.AddValue("mode", "server or client", mode);
    cmd.AddValue("device", "network interface (with --tap: the tap device to create)", device);
    cmd.AddValue("address", "IPv4 address of the emulated node", address);
    cmd.AddValue("mask", "network mask", mask);
    cmd.AddValue("mac", "MAC address of the emulated node (default: derived from --address)", mac);
    cmd.AddValue("server", "client: the server's IPv4 address", server);
    cmd.AddValue("port", "Homa port of the server", port);
    cmd.AddValue("sizes", "client: comma-separated request sizes, used in turn", sizeList);
    cmd.AddValue("responses",
                 "client: comma-separated response sizes, used in turn; each request of 8 "
                 "bytes or more then asks for its response length in bytes 4-7 (HomaModule's "
                 "util/server convention) and the response is checked against the request's "
                 "first that many bytes (empty: the server echoes)",
                 responseList);
    cmd.AddValue("sizeInRequest",
                 "server: answer in util/server's convention (response length in bytes 4-7 of "
                 "the request, the request's first that many bytes sent back)",
                 sizeInRequest);
    cmd.AddValue("outstanding", "client: RPCs in flight at once", outstanding);
    cmd.AddValue("interval",
                 "client: seconds between requests (0: each as soon as one ends)",
                 interval);
    cmd.AddValue("clientLinger",
                 "client: seconds to run on after the last RPC, answering the server's "
                 "NEED_ACKs so that it can free its RPCs",
                 clientLinger);
    cmd.AddValue("lossRate",
                 "fraction of the Homa packets this node sends that a RateErrorModel drops "
                 "before they reach IP",
                 lossRate);
    cmd.AddValue("allowFailed",
                 "client: RPCs that end with an error (the peer restarted) do not fail the run; "
                 "every RPC must still end and every completed one be byte-exact",
                 allowFailed);
    cmd.AddValue("rpcs", "client: number of RPCs", rpcs);
    cmd.AddValue("requests",
                 "server: stop after answering this many requests (0: run --duration)",
                 requests);
    cmd.AddValue("linger",
                 "server: seconds to keep running after the last expected request",
                 linger);
    cmd.AddValue("start",
                 "client: seconds before the first RPC (time for the interface to come up)",
                 start);
    cmd.AddValue("duration", "seconds at most", duration);
    cmd.AddValue("linkRate", "rate the pacer assumes for the interface", linkRate);
    cmd.AddValue("rttBytes",
                 "UnschedBytes and Window: bytes in flight that cover one round trip of the "
                 "emulated path (a veth RTT through two realtime ns-3 nodes is ~0.3 ms)",
                 rttBytes);
    cmd.AddValue("resendTicks",
                 "ResendTicks: silent 1 ms ticks before a RESEND. The realtime simulator can "
                 "fall several ms behind the wall clock; frames that arrived meanwhile wait "
                 "behind the timer ticks of those ms, so a short setting sees silences that "
                 "are not there",
                 resendTicks);
    cmd.AddValue("socketBuffer",
                 "emulation: receive and send buffer of the raw socket, bytes",
                 socketBuffer);
    cmd.AddValue("rxQueue", "frames read but not yet processed that the device holds", rxQueue);
    cmd.AddValue("tap", "use a TapFdNetDevice on a new tap device instead of the interface", tap);
    cmd.AddValue("pcap",
                 "capture the node's device into PREFIX-<node>-<device>.pcap (empty: none)",
                 pcap);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_UNLESS(mode == "server" || mode == "client", "--mode is server or client");

    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    Ipv4Address ip(address.c_str());
    // Locally administered MACs, unique per address: 02:<which>:a.b.c.d (0: the node, 1: the
    // Linux side of its tap).
    auto macFor = [&ip](int which) {
        uint8_t b[4];
        ip.Serialize(b);
        std::ostringstream m;
        m << "02:0" << which << std::hex << std::setfill('0');
        for (uint8_t x : b)
        {
            m << ":" << std::setw(2) << int(x);
        }
        return m.str();
    };
    if (mac.empty())
    {
        mac = macFor(0);
    }

    Ptr<Node> node = CreateObject<Node>();
    NetDeviceContainer devices;
    int rawSocket = -1;
    if (tap)
    {
        TapFdNetDeviceHelper helper;
        helper.SetDeviceName(device);
        helper.SetModePi(false);
        helper.SetTapIpv4Address(Ipv4Address("169.254.99.1")); // the Linux side of the tap
        helper.SetTapIpv4Mask(Ipv4Mask("255.255.255.255"));
        helper.SetTapMacAddress(Mac48Address(macFor(1).c_str()));
        devices = helper.Install(node);
    }
    else
    {
        EmuFdNetDeviceHelper helper;
        helper.SetDeviceName(device);
        devices = helper.Install(node);
        rawSocket = FindRawSocket();
        NS_ABORT_MSG_IF(rawSocket < 0, "no raw socket found for " << device);
        TuneRawSocket(rawSocket, socketBuffer);
    }
    Ptr<NetDevice> dev = devices.Get(0);
    dev->SetAttribute("RxQueueSize", UintegerValue(rxQueue));
    if (!pcap.empty())
    {
        // Every frame the emulated node sends or receives, as ns-3 sees it.
        FdNetDeviceHelper capture;
        capture.EnablePcap(pcap, dev, true);
    }
    uint32_t txDrops = 0;
    dev->TraceConnectWithoutContext("MacTxDrop",
                                    MakeBoundCallback(
                                        +[](uint32_t* n, Ptr<const Packet>) { ++*n; },
                                        &txDrops));
    dev->SetAttribute("Address", Mac48AddressValue(Mac48Address(mac.c_str())));

    InternetStackHelper internet;
    internet.Install(node);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    int32_t interface = ipv4->AddInterface(dev);
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(ip, Ipv4Mask(mask.c_str())));
    ipv4->SetMetric(interface, 1);
    ipv4->SetUp(interface);

    HomaHelper homa;
    homa.SetAttribute("LinkRate", DataRateValue(DataRate(linkRate)));
    homa.SetAttribute("UnschedBytes", UintegerValue(rttBytes));
    homa.SetAttribute("Window", UintegerValue(rttBytes));
    homa.SetAttribute("ResendTicks", UintegerValue(resendTicks));
    homa.SetAttribute("ResendInterval", UintegerValue(resendTicks));
    Ptr<HomaL4Protocol> protocol = homa.Install(node);
    LossyDown lossy;
    if (lossRate > 0)
    {
        lossy.Insert(protocol, lossRate);
    }

    std::unique_ptr<EmuReport> client;
    Ptr<HomaServer> serverApp;
    if (mode == "server")
    {
        serverApp = CreateObject<HomaServer>();
        serverApp->SetAttribute("Port", UintegerValue(port));
        serverApp->SetAttribute("ResponseSize", UintegerValue(0)); // echo
        serverApp->SetAttribute("SizeInRequest", BooleanValue(sizeInRequest));
        // The pattern check needs the whole request as HomaClient wrote it; a request that
        // names its response length (a Linux client's) is the peer's own pattern.
        serverApp->SetAttribute("Verify", BooleanValue(!sizeInRequest));
        node->AddApplication(serverApp);
        serverApp->SetStartTime(Seconds(0));
        Simulator::Schedule(Seconds(0.1), &WatchServer, serverApp, requests, Seconds(linger));
        std::cout << "server: " << address << ":" << port << " on " << device << " (" << mac << ")"
                  << std::endl;
    }
    else
    {
        std::vector<uint32_t> sizes = ParseSizes(sizeList);
        NS_ABORT_MSG_IF(sizes.empty(), "--sizes is empty");
        Ptr<HomaClient> app = CreateObject<HomaClient>();
        app->AddServer(InetSocketAddress(Ipv4Address(server.c_str()), port));
        app->SetMessageSizes(sizes);
        if (!responseList.empty())
        {
            app->SetResponseSizes(ParseSizes(responseList));
        }
        app->SetAttribute("MaxRpcs", UintegerValue(rpcs));
        app->SetAttribute("MaxOutstanding", UintegerValue(outstanding));
        std::ostringstream every;
        every << "ns3::ConstantRandomVariable[Constant=" << interval << "]";
        app->SetAttribute("Interval", StringValue(every.str()));
        app->SetAttribute("Pattern", BooleanValue(true)); // the server checks the pattern
        app->SetAttribute("VerifyEcho", BooleanValue(true));
        node->AddApplication(app);
        // Leave the interface a moment to come up (a tap must join its bridge first).
        app->SetStartTime(Seconds(start));
        client = std::make_unique<EmuReport>(app, rpcs, Seconds(clientLinger));
        std::cout << "client: " << address << " on " << device << " (" << mac << ") -> " << server
                  << ":" << port << ", " << rpcs << " RPCs" << std::endl;
    }

    LagMeter lag;
    Simulator::ScheduleNow(&LagMeter::Start, &lag);
    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    const HomaMetrics& m = protocol->GetMetrics();
    std::cout << "homa counters: short_packets " << m.shortPackets << ", malformed_packets "
              << m.malformedPackets << ", unknown_packet_types " << m.unknownPacketTypes
              << ", unknown_rpcs " << m.unknownRpcs << ", no_socket " << m.noSocket
              << ", packet_discards " << m.packetDiscards << ", resent_packets " << m.resentPackets
              << ", rpc_timeouts " << m.rpcTimeouts << ", rpc_restarts " << m.rpcRestarts
              << ", icmp_aborts " << m.icmpAborts << std::endl;
    std::cout << "homa packets:";
    for (uint8_t t = HomaCommonHeader::TYPE_FIRST; t <= HomaCommonHeader::TYPE_LAST; ++t)
    {
        std::cout << " " << HomaCommonHeader::TypeName(t) << " "
                  << m.packetsSent[t - HomaCommonHeader::TYPE_FIRST] << "/"
                  << m.packetsRcvd[t - HomaCommonHeader::TYPE_FIRST];
    }
    std::cout << " (sent/received)" << std::endl;
    std::cout << "homa state: " << protocol->GetNumRpcs() << " RPCs left";
    if (lossRate > 0)
    {
        std::cout << ", " << lossy.GetDropped() << " packets dropped by the error model";
    }
    std::cout << std::endl;
    std::cout << "realtime: the simulation fell behind the wall clock by "
              << lag.GetMax().GetMicroSeconds() << " us at most" << std::endl;
    std::cout << "device: " << txDrops << " frames the interface refused";
    if (rawSocket >= 0)
    {
        tpacket_stats st{};
        socklen_t len = sizeof(st);
        if (getsockopt(rawSocket, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0)
        {
            std::cout << ", raw socket: " << st.tp_packets << " frames queued, " << st.tp_drops
                      << " dropped for lack of buffer";
        }
    }
    std::cout << std::endl;
    bool ok;
    if (client)
    {
        client->Report();
        ok = client->Ok(allowFailed);
    }
    else
    {
        std::cout << "server: " << serverApp->GetRequests() << " requests answered, "
                  << serverApp->GetCorrupt() << " with bytes that differ" << std::endl;
        ok =
            serverApp->GetCorrupt() == 0 && (requests == 0 || serverApp->GetRequests() >= requests);
    }
    Simulator::Destroy();
    return ok ? 0 : 1;
}
