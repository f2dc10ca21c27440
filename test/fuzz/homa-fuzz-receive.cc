/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer target: the receive path, from HomaL4Protocol::Receive down to the sockets, with
// arbitrary packets arriving among real traffic (utils/fuzz.sh builds and runs it).
//
// Each input is a list of packets, each as a two-byte big-endian length and its bytes (at
// most 16 packets of at most 2,000 bytes). A fresh three-host star is built for every input:
// host 0 and host 1 each send a request (20,000 and 15,000 bytes, so grants are needed) to
// the other's echo server; the input's packets reach host 0's Homa as if from host 1, 3 us
// apart from 1 us on. Invariants: every injected packet is counted exactly once (too short,
// unknown type, or received by type); within 2 simulated seconds both real RPCs end
// (response or error) and no RPC state is left on any host.
//
// HOMA_FUZZ_SEEDS=DIR writes seed inputs instead: the packets host 0 receives in the same
// scenario without injection, one file per packet and one with the first sixteen.

#include "../homa-test-util.h"

#include "ns3/core-module.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/homa-socket.h"
#include "ns3/internet-module.h"
#include "ns3/ipv4-address-generator.h"
#include "ns3/network-module.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint16_t PORT = 9000;
constexpr size_t MAX_PACKETS = 16;
constexpr uint32_t MAX_PACKET = 2000;

/// An echo server that tolerates errors (forged packets may free RPCs under it).
class Echo
{
  public:
    explicit Echo(Ptr<HomaL4Protocol> homa)
    {
        m_socket = DynamicCast<HomaSocket>(homa->CreateSocket());
        if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT)) != 0)
        {
            std::abort();
        }
        m_socket->SetRecvCallback(MakeCallback(&Echo::OnRecv, this));
    }

  private:
    void OnRecv(Ptr<Socket>)
    {
        HomaSocket::MessageInfo info;
        while (Ptr<Packet> request = m_socket->RecvMessage(info))
        {
            m_socket->SendResponse(request->Copy(), info.peer, info.rpcId);
        }
    }

    Ptr<HomaSocket> m_socket;
};

/// Records what host 0's Homa receives (seed mode).
std::vector<std::vector<uint8_t>> g_seen;

void
Seen(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t)
{
    g_seen.push_back(homatest::Bytes(p));
}

void
Fail(const std::string& what)
{
    std::cerr << "homa-fuzz-receive: " << what << "\n";
    std::abort();
}

uint64_t
Counted(const HomaMetrics& m)
{
    uint64_t n = m.shortPackets + m.unknownPacketTypes;
    for (uint64_t c : m.packetsRcvd)
    {
        n += c;
    }
    return n;
}

void
Inject(Ptr<HomaL4Protocol> homa,
       Ptr<Ipv4Interface> interface,
       Ipv4Address from,
       Ipv4Address to,
       std::vector<uint8_t> bytes)
{
    Ptr<Packet> p = homatest::FromBytes(bytes);
    Ipv4Header ip;
    ip.SetSource(from);
    ip.SetDestination(to);
    ip.SetProtocol(HomaL4Protocol::PROT_NUMBER);
    ip.SetPayloadSize(p->GetSize());
    uint64_t before = Counted(homa->GetMetrics());
    homa->Receive(p, ip, interface);
    if (Counted(homa->GetMetrics()) != before + 1)
    {
        Fail("an injected packet was not counted exactly once");
    }
}

/// Run the scenario with these packets injected; check the invariants.
void
RunOne(const std::vector<std::vector<uint8_t>>& packets, bool recordSeeds)
{
    Ipv4AddressGenerator::Reset();
    HomaHelper homa;
    homatest::Star star = homatest::BuildStar(3, "10Gbps", "1us", homa);
    Echo echo0(star.Homa(0));
    Echo echo1(star.Homa(1));
    homatest::Client client0(star.Homa(0));
    homatest::Client client1(star.Homa(1));
    client0.Send(star.addresses[1], PORT, homatest::MakeMessage(20000, 1));
    client1.Send(star.addresses[0], PORT, homatest::MakeMessage(15000, 2));
    if (recordSeeds)
    {
        star.Homa(0)->TraceConnectWithoutContext("Rx", MakeCallback(&Seen));
    }
    Ptr<Ipv4L3Protocol> ip0 = star.hosts.Get(0)->GetObject<Ipv4L3Protocol>();
    for (size_t k = 0; k < packets.size(); ++k)
    {
        Simulator::Schedule(MicroSeconds(1 + 3 * k),
                            &Inject,
                            star.Homa(0),
                            ip0->GetInterface(1),
                            star.addresses[1],
                            star.addresses[0],
                            packets[k]);
    }
    // Stop as soon as both RPCs have ended and no host holds RPC state (checked every
    // millisecond), at the latest after 2 s.
    auto done = [&]() {
        return client0.results.size() == 1 && client1.results.size() == 1 &&
               star.Homa(0)->GetNumRpcs() == 0 && star.Homa(1)->GetNumRpcs() == 0 &&
               star.Homa(2)->GetNumRpcs() == 0;
    };
    std::function<void()> check = [&]() {
        if (done())
        {
            Simulator::Stop();
            return;
        }
        Simulator::Schedule(MilliSeconds(1), check);
    };
    Simulator::Schedule(MilliSeconds(1), check);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    if (client0.results.size() != 1 || client1.results.size() != 1)
    {
        Fail("a real RPC neither completed nor failed");
    }
    for (uint32_t h = 0; h < 3; ++h)
    {
        if (star.Homa(h)->GetNumRpcs() != 0)
        {
            Fail("RPC state left on host " + std::to_string(h));
        }
    }
    Simulator::Destroy();
}

void
WriteSeeds(const std::string& dir)
{
    RunOne({}, true);
    std::vector<uint8_t> all;
    for (size_t k = 0; k < g_seen.size(); ++k)
    {
        std::vector<uint8_t> one{static_cast<uint8_t>(g_seen[k].size() >> 8),
                                 static_cast<uint8_t>(g_seen[k].size())};
        one.insert(one.end(), g_seen[k].begin(), g_seen[k].end());
        std::ofstream(dir + "/packet-" + std::to_string(k), std::ios::binary)
            .write(reinterpret_cast<const char*>(one.data()), one.size());
        if (k < MAX_PACKETS)
        {
            all.insert(all.end(), one.begin(), one.end());
        }
    }
    std::ofstream(dir + "/first-16", std::ios::binary)
        .write(reinterpret_cast<const char*>(all.data()), all.size());
    std::cout << "homa-fuzz-receive: " << g_seen.size() << " seeds written to " << dir << "\n";
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int*, char***)
{
    if (const char* dir = std::getenv("HOMA_FUZZ_SEEDS"))
    {
        WriteSeeds(dir);
        std::exit(0);
    }
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::vector<std::vector<uint8_t>> packets;
    size_t at = 0;
    while (at + 2 <= size && packets.size() < MAX_PACKETS)
    {
        uint32_t n = (uint32_t(data[at]) << 8 | data[at + 1]) % (MAX_PACKET + 1);
        at += 2;
        n = static_cast<uint32_t>(std::min<size_t>(n, size - at));
        packets.emplace_back(data + at, data + at + n);
        at += n;
    }
    RunOne(packets, false);
    return 0;
}
