/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-datacenter: the Homa paper's simulation setting. A two-level fabric (by default 9
// racks of 16 hosts, 4 spines, 10/40 Gbps, packet spraying); every host runs a HomaServer
// and a HomaClient that sends requests with Poisson arrivals to hosts chosen uniformly
// among the others, sizes drawn from a workload (W1..W5 shipped in workloads/), at an
// offered load given as a fraction of the host link rate.
//
//   ./ns3 run "homa-datacenter --workload=W3 --load=0.5 --time=0.005"   (default: 0.5 ms)
//
// Load accounting: a request of s bytes occupies the sender's link with s bytes plus 78
// bytes (IP, Homa DATA header, PPP) per packet of at most 1424 bytes; the mean of that over
// the workload sets the arrival rate. Requests are answered with 1 byte. Sizes above Homa's
// 1,000,000-byte limit (W4, W5) are capped at 1,000,000 bytes (counted in the summary).
//
// Output: delivered load, slowdown (completion / the RPC alone on the idle fabric) by size
// bucket (ten buckets of equal message count), a CSV of every RPC (--csv), and the cost of
// the run: wall time per simulated millisecond, events per wall second, DATA packets per
// wall second and peak memory, which utils/benchmark.sh collects.

#include "ns3/core-module.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <sys/resource.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HomaDatacenter");

int
main(int argc, char* argv[])
{
    uint32_t racks = 9;
    uint32_t hostsPerRack = 16;
    uint32_t spines = 4;
    std::string hostRate = "10Gbps";
    std::string fabricRate = "40Gbps";
    std::string workload = "W3";
    double load = 0.5;
    double time = 0.0005;
    double drain = 0.1;
    std::string csv = "none";
    uint32_t seed = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("racks", "racks (ToR switches)", racks);
    cmd.AddValue("hostsPerRack", "hosts per rack", hostsPerRack);
    cmd.AddValue("spines", "spine switches", spines);
    cmd.AddValue("hostRate", "host link rate", hostRate);
    cmd.AddValue("fabricRate", "ToR-spine link rate", fabricRate);
    cmd.AddValue("workload", "W1..W5 (shipped) or the path of a CDF file", workload);
    cmd.AddValue("load", "offered load per host, fraction of the host link rate", load);
    cmd.AddValue("time", "seconds during which requests arrive", time);
    cmd.AddValue("drain", "seconds after that for the last RPCs to finish", drain);
    cmd.AddValue("csv", "CSV file of every RPC (none: no file)", csv);
    cmd.AddValue("seed", "run number (RngRun) of the random streams", seed);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_UNLESS(load > 0 && load < 1.5, "--load is a fraction of the link rate, e.g. 0.5");
    RngSeedManager::SetRun(seed);

    std::string path = workload;
    if (workload.size() == 2 && workload[0] == 'W')
    {
        path = std::string(HOMA_WORKLOAD_DIR) + "/" + workload + ".cdf";
    }
    HomaWorkload dist = HomaWorkload::Load(path);
    double meanWire = 0;
    double prev = 0;
    for (const auto& [size, prob] : dist.GetPoints())
    {
        meanWire += (prob - prev) *
                    HomaStats::WireBytes(static_cast<uint32_t>(std::min<double>(size, 1000000)));
        prev = prob;
    }

    HomaDatacenterHelper fabric;
    fabric.SetRacks(racks);
    fabric.SetHostsPerRack(hostsPerRack);
    fabric.SetSpines(spines);
    fabric.SetHostRate(DataRate(hostRate));
    fabric.SetFabricRate(DataRate(fabricRate));
    fabric.Install();
    HomaHelper homa;
    homa.Install(fabric.GetHosts());
    uint32_t n = fabric.GetNHosts();
    NS_ABORT_MSG_UNLESS(n >= 2, "need at least two hosts");

    HomaServerHelper servers(9000);
    servers.Install(fabric.GetHosts());
    double interval = meanWire * 8 / (load * DataRate(hostRate).GetBitRate());
    uint32_t perHost = static_cast<uint32_t>(std::ceil(time / interval));
    std::vector<Ptr<HomaClient>> clients;
    for (uint32_t h = 0; h < n; ++h)
    {
        Ptr<HomaClient> c = CreateObject<HomaClient>();
        for (uint32_t d = 0; d < n; ++d)
        {
            if (d != h)
            {
                c->AddServer(InetSocketAddress(fabric.GetHostAddress(d), 9000));
            }
        }
        c->SetAttribute("Interval",
                        PointerValue(CreateObjectWithAttributes<ExponentialRandomVariable>(
                            "Mean",
                            DoubleValue(interval))));
        c->SetAttribute("MessageSize", PointerValue(dist.MakeRandomVariable()));
        c->SetAttribute("MaxRpcs", UintegerValue(perHost));
        fabric.GetHosts().Get(h)->AddApplication(c);
        clients.push_back(c);
    }

    auto wallStart = std::chrono::steady_clock::now();
    Simulator::Stop(Seconds(time + drain));
    Simulator::Run();
    double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    uint64_t events = Simulator::GetEventCount();

    // Results.
    std::vector<std::pair<uint32_t, double>> done; // (size, slowdown)
    uint64_t sent = 0;
    uint64_t failed = 0;
    uint64_t capped = 0;
    uint64_t bytesDone = 0;
    Time lastEnd;
    std::ofstream out;
    if (csv != "none")
    {
        out.open(csv);
        out << "client,server,size_bytes,start_us,end_us,completion_us,ideal_us,slowdown,error\n";
    }
    DataRate hr(hostRate);
    DataRate fr(fabricRate);
    for (uint32_t h = 0; h < n; ++h)
    {
        sent += clients[h]->GetSent();
        for (const HomaRpcRecord& r : clients[h]->GetRecords())
        {
            capped += r.requestSize == 1000000 ? 1 : 0;
            Ipv4Address dst = InetSocketAddress::ConvertFrom(r.server).GetIpv4();
            uint32_t d = 0;
            while (fabric.GetHostAddress(d) != dst)
            {
                ++d;
            }
            std::vector<DataRate> hops{hr, hr};
            if (fabric.GetRack(d) != fabric.GetRack(h))
            {
                hops = {hr, fr, fr, hr};
            }
            Time ideal = HomaStats::IdealRpcTime(r.requestSize, hops, fabric.GetHostLinkDelay());
            double slowdown = (r.end - r.start).GetSeconds() / ideal.GetSeconds();
            if (r.error == HomaRpcError::NONE)
            {
                done.emplace_back(r.requestSize, slowdown);
                bytesDone += HomaStats::WireBytes(r.requestSize);
                lastEnd = std::max(lastEnd, r.end);
            }
            else
            {
                ++failed;
            }
            if (out.is_open())
            {
                out << h << "," << d << "," << r.requestSize << "," << r.start.GetMicroSeconds()
                    << "," << r.end.GetMicroSeconds() << "," << (r.end - r.start).GetMicroSeconds()
                    << "," << ideal.GetMicroSeconds() << "," << slowdown << ","
                    << (r.error == HomaRpcError::NONE ? "" : "error") << "\n";
            }
        }
    }
    uint64_t dataPackets = 0;
    for (uint32_t h = 0; h < n; ++h)
    {
        dataPackets += fabric.GetHosts()
                           .Get(h)
                           ->GetObject<HomaL4Protocol>()
                           ->GetMetrics()
                           .packetsRcvd[HomaCommonHeader::DATA - HomaCommonHeader::TYPE_FIRST];
    }
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);

    std::cout << std::fixed << std::setprecision(3);
    std::cout << "homa-datacenter: " << n << " hosts (" << racks << " x " << hostsPerRack << ", "
              << spines << " spines), workload " << workload << ", load " << load << ", "
              << time * 1e3 << " ms of arrivals\n";
    std::cout << "  RPCs sent " << sent << ", completed " << done.size() << ", failed " << failed
              << ", unfinished " << sent - done.size() - failed << ", sizes capped at 1 MB "
              << capped << "\n";
    double span = lastEnd.GetSeconds();
    std::cout << "  delivered load "
              << (span > 0 ? bytesDone * 8.0 / span / n / hr.GetBitRate() : 0)
              << " of each host link (offered " << load << ")\n";
    std::sort(done.begin(), done.end());
    std::cout << "  slowdown by size (10 buckets of equal message count):\n"
              << "    bucket  max size (B)      p50      p99\n";
    for (int b = 0; b < 10 && !done.empty(); ++b)
    {
        size_t lo = done.size() * b / 10;
        size_t hi = done.size() * (b + 1) / 10;
        std::vector<double> s;
        for (size_t k = lo; k < hi; ++k)
        {
            s.push_back(done[k].second);
        }
        std::cout << "    " << std::setw(6) << b << "  " << std::setw(12) << done[hi - 1].first
                  << "  " << std::setw(7) << std::setprecision(2) << HomaStats::Percentile(s, 50)
                  << "  " << std::setw(7) << HomaStats::Percentile(s, 99) << "\n";
    }
    std::cout << std::setprecision(3);
    // The run's simulated length: until the last RPC finished (the Stop event comes later).
    double simulated = lastEnd.GetSeconds();
    std::cout << "  cost: wall " << wall << " s for " << simulated * 1e3
              << " simulated ms = " << (simulated > 0 ? wall / (simulated * 1e3) : 0)
              << " wall s per simulated ms\n";
    std::cout << "        " << events << " events, " << std::setprecision(0) << events / wall
              << " events per wall second, " << dataPackets / wall
              << " DATA packets delivered per wall second\n";
    std::cout << "        peak memory " << usage.ru_maxrss / 1024 << " MiB\n";
    Simulator::Destroy();
    return failed == 0 && done.size() == sent ? 0 : 1;
}
