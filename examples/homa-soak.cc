/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-soak: a long run under trouble, to show that every RPC ends and no state is left.
//
// A small fabric (2 racks of 4 hosts, one spine, 10/40 Gbps) with packet loss at every host
// NIC (--loss, 1 %). Every host runs an echo-like server and a client that keeps
// --outstanding RPCs open, alternating between the two classes of host pairs (same rack,
// other rack) until each class has had --rpcs RPCs. Requests and responses have sizes from a
// mix (half of one packet or less, 30 % up to the unscheduled bytes, 20 % up to 60 kB, which
// need grants) and patterned bytes that the server and client check byte for byte. Midway
// through, host --dead dies (its link drops everything, both ways); at --restartAt one
// host's application restarts (its sockets are closed, which frees every RPC of that host,
// and reopened 5 ms later).
//
// Every RPC issued must end: verified, with an error (counted by kind), or cancelled by the
// restart (the client that issued it was closed); none may be corrupted. After the run and
// a drain, every host must hold no RPC, nothing in its pacer or grant scheduler, and at most
// one peer per other host. The memory (VmRSS) is sampled every 5 % of the RPCs: it should be
// flat once the run is warm. A benchmark-style run, not a timed test: use the release tree
// (`make bench` builds it) and --rpcs=100000 for the soak proper (the default, 2,000 per
// class, is the example test's). Exits 1 if anything is wrong.

#include "ns3/core-module.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <array>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HomaSoak");

namespace
{

constexpr uint16_t PORT = 9000;

/// \return the resident memory of this process in KiB (Linux /proc), 0 if unknown
uint64_t
RssKib()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key)
    {
        if (key == "VmRSS:")
        {
            uint64_t kib = 0;
            status >> kib;
            return kib;
        }
        status.ignore(1 << 20, '\n');
    }
    return 0;
}

/// A message size from the mix, chosen by a hash of \p seed.
uint32_t
MixSize(uint32_t seed)
{
    uint32_t h = seed * 2654435761u;
    uint32_t kind = (h >> 8) % 10;
    uint32_t r = (h >> 4) ^ (h >> 19);
    if (kind < 5)
    {
        return 1 + r % 1400; // one packet
    }
    if (kind < 8)
    {
        return 1401 + r % 8600; // unscheduled only
    }
    return 10001 + r % 50000; // needs grants
}

/// The byte at \p offset of the message with \p seed.
uint8_t
Pattern(uint32_t seed, uint32_t offset)
{
    uint32_t x = (seed ^ 0x9e3779b9u) + offset * 40503u;
    x ^= x >> 13;
    x *= 0x5bd1e995u;
    return static_cast<uint8_t>(x >> 24);
}

/// A message: its seed in its first four bytes (when it has them), then the pattern.
Ptr<Packet>
MakePayload(uint32_t seed, uint32_t size)
{
    std::vector<uint8_t> b(size);
    for (uint32_t i = 0; i < size; ++i)
    {
        b[i] = i < 4 ? static_cast<uint8_t>(seed >> (8 * i)) : Pattern(seed, i);
    }
    return Create<Packet>(b.data(), size);
}

/// \return true if \p p is the message of \p seed of its size
bool
Verify(Ptr<const Packet> p, uint32_t seed)
{
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    for (uint32_t i = 0; i < b.size(); ++i)
    {
        uint8_t want = i < 4 ? static_cast<uint8_t>(seed >> (8 * i)) : Pattern(seed, i);
        if (b[i] != want)
        {
            return false;
        }
    }
    return true;
}

/// The seed of the response to the request of \p seed.
uint32_t
ResponseSeed(uint32_t seed)
{
    return seed * 747796405u + 2891336453u;
}

/// What the run counts.
struct Tally
{
    std::array<uint64_t, 2> issued{};       //!< RPCs issued per class (same rack, other rack)
    uint64_t verified{0};                   //!< responses that matched
    uint64_t corrupted{0};                  //!< responses or requests that did not
    uint64_t cancelled{0};                  //!< in flight at a client that restarted
    std::map<std::string, uint64_t> errors; //!< failed RPCs by error
    uint64_t badRequests{0};                //!< requests a server found corrupted
};

class Soak
{
  public:
    struct Config
    {
        uint32_t rpcs{2000};
        uint32_t outstanding{8};
        double loss{0.01};
        uint32_t dead{7};
        double deadAt{0.5};
        uint32_t restart{3};
        double restartAt{0.3};
    };

    Soak(const Config& c, LeafSpineHelper& fabric)
        : m_c(c),
          m_fabric(fabric),
          m_n(fabric.GetNHosts()),
          m_clients(m_n),
          m_servers(m_n),
          m_open(m_n),
          m_next(m_n, 0),
          m_live(m_n, true),
          m_down(m_n, false)
    {
        for (uint32_t h = 0; h < m_n; ++h)
        {
            OpenSockets(h);
        }
    }

    void Start()
    {
        for (uint32_t h = 0; h < m_n; ++h)
        {
            for (uint32_t k = 0; k < m_c.outstanding; ++k)
            {
                Issue(h);
            }
        }
    }

    bool Finished() const
    {
        return m_tally.issued[0] >= m_c.rpcs && m_tally.issued[1] >= m_c.rpcs && InFlight() == 0;
    }

    uint64_t InFlight() const
    {
        uint64_t n = 0;
        for (const auto& o : m_open)
        {
            n += o.size();
        }
        return n;
    }

    uint64_t Issued() const
    {
        return m_tally.issued[0] + m_tally.issued[1];
    }

    const Tally& GetTally() const
    {
        return m_tally;
    }

    /// The host's link drops everything from now on, both ways.
    void Kill(uint32_t h)
    {
        m_live[h] = false;
        Ptr<NetDevice> nic = m_fabric.GetHosts().Get(h)->GetDevice(1);
        Ptr<Channel> ch = nic->GetChannel();
        for (std::size_t i = 0; i < ch->GetNDevices(); ++i)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetAttribute("ErrorRate", DoubleValue(1.0));
            em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
            ch->GetDevice(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
        std::cout << "  " << Simulator::Now().As(Time::MS) << ": host " << h << " dies\n";
    }

    /// Close the host's sockets (every RPC of the host is freed) and reopen them later.
    void Restart(uint32_t h, Time downtime)
    {
        m_tally.cancelled += m_open[h].size();
        m_open[h].clear();
        m_clients[h]->Close();
        m_servers[h]->Close();
        m_down[h] = true;
        std::cout << "  " << Simulator::Now().As(Time::MS) << ": host " << h
                  << " restarts its application\n";
        Simulator::Schedule(downtime, [this, h]() {
            m_down[h] = false;
            OpenSockets(h);
            for (uint32_t k = 0; k < m_c.outstanding; ++k)
            {
                Issue(h);
            }
        });
    }

  private:
    struct Open
    {
        uint32_t seed;
    };

    void OpenSockets(uint32_t h)
    {
        Ptr<Node> node = m_fabric.GetHosts().Get(h);
        m_servers[h] =
            DynamicCast<HomaSocket>(Socket::CreateSocket(node, HomaSocketFactory::GetTypeId()));
        NS_ABORT_MSG_IF(m_servers[h]->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT)) != 0,
                        "cannot bind the server port");
        m_servers[h]->SetRecvCallback(MakeCallback(&Soak::OnServer, this));
        m_clients[h] =
            DynamicCast<HomaSocket>(Socket::CreateSocket(node, HomaSocketFactory::GetTypeId()));
        NS_ABORT_MSG_IF(m_clients[h]->Bind() != 0, "cannot bind a client port");
        m_clients[h]->SetRecvCallback(MakeCallback(&Soak::OnClient, this).Bind(h));
    }

    /// Issue the host's next RPC, if there is one to issue.
    void Issue(uint32_t h)
    {
        if (!m_live[h] || m_down[h])
        {
            return;
        }
        // Alternate the classes; a class that has had its RPCs gives way to the other.
        for (int tries = 0; tries < 2; ++tries)
        {
            uint32_t cls = (m_next[h]++) % 2;
            if (m_tally.issued[cls] >= m_c.rpcs)
            {
                continue;
            }
            std::vector<uint32_t> peers;
            for (uint32_t d = 0; d < m_n; ++d)
            {
                bool same = m_fabric.GetRack(d) == m_fabric.GetRack(h);
                if (d != h && m_live[d] && same == (cls == 0))
                {
                    peers.push_back(d);
                }
            }
            if (peers.empty())
            {
                continue;
            }
            uint32_t seed = m_nextSeed++;
            uint32_t d = peers[(seed * 2246822519u >> 7) % peers.size()];
            uint64_t id =
                m_clients[h]->SendRequest(MakePayload(seed, MixSize(seed)),
                                          InetSocketAddress(m_fabric.GetHostAddress(d), PORT));
            NS_ABORT_MSG_IF(id == 0, "SendRequest failed: " << m_clients[h]->GetErrno());
            m_open[h][id] = Open{seed};
            ++m_tally.issued[cls];
            return;
        }
    }

    void OnServer(Ptr<Socket> s)
    {
        Ptr<HomaSocket> socket = DynamicCast<HomaSocket>(s);
        HomaSocket::MessageInfo info;
        while (Ptr<Packet> request = socket->RecvMessage(info))
        {
            uint32_t seed = 0;
            uint8_t head[4] = {0, 0, 0, 0};
            request->CopyData(head, 4);
            for (int i = 0; i < 4; ++i)
            {
                seed |= uint32_t(head[i]) << (8 * i);
            }
            if (request->GetSize() < 4 || !Verify(request, seed) ||
                request->GetSize() != MixSize(seed))
            {
                // Sizes under 4 bytes carry no whole seed: checked by the client's response.
                if (request->GetSize() >= 4)
                {
                    ++m_tally.badRequests;
                }
            }
            uint32_t rs = ResponseSeed(seed);
            socket->SendResponse(MakePayload(rs, MixSize(rs)), info.peer, info.rpcId);
        }
    }

    void OnClient(uint32_t h, Ptr<Socket> s)
    {
        Ptr<HomaSocket> socket = DynamicCast<HomaSocket>(s);
        HomaSocket::MessageInfo info;
        while (true)
        {
            Ptr<Packet> response = socket->RecvMessage(info);
            if (info.rpcId == 0)
            {
                break;
            }
            auto it = m_open[h].find(info.rpcId);
            if (it == m_open[h].end())
            {
                continue;
            }
            uint32_t seed = it->second.seed;
            m_open[h].erase(it);
            if (info.error != HomaRpcError::NONE)
            {
                std::ostringstream name;
                name << info.error;
                ++m_tally.errors[name.str()];
            }
            else
            {
                uint32_t rs = ResponseSeed(seed);
                // A request under 4 bytes was answered from the seed its bytes held.
                uint32_t size = MixSize(seed);
                if (size < 4)
                {
                    uint32_t partial = 0;
                    for (uint32_t i = 0; i < size; ++i)
                    {
                        partial |= uint32_t(static_cast<uint8_t>(seed >> (8 * i))) << (8 * i);
                    }
                    rs = ResponseSeed(partial);
                }
                bool ok = response->GetSize() == MixSize(rs) && Verify(response, rs);
                ++(ok ? m_tally.verified : m_tally.corrupted);
            }
            Issue(h);
        }
    }

    Config m_c;
    LeafSpineHelper& m_fabric;
    uint32_t m_n;
    std::vector<Ptr<HomaSocket>> m_clients;
    std::vector<Ptr<HomaSocket>> m_servers;
    std::vector<std::map<uint64_t, Open>> m_open;
    std::vector<uint32_t> m_next;
    std::vector<bool> m_live;
    std::vector<bool> m_down;
    uint32_t m_nextSeed{1};
    Tally m_tally;
};

} // namespace

int
main(int argc, char* argv[])
{
    Soak::Config c;
    double drain = 1.0;
    uint32_t seed = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("rpcs", "RPCs per class of host pair (same rack, other rack)", c.rpcs);
    cmd.AddValue("outstanding", "RPCs each client keeps open", c.outstanding);
    cmd.AddValue("loss", "packet loss rate at every host NIC", c.loss);
    cmd.AddValue("dead", "host that dies midway (8 or more: none)", c.dead);
    cmd.AddValue("deadAt", "fraction of the RPCs issued when it dies", c.deadAt);
    cmd.AddValue("restart", "host whose application restarts (8 or more: none)", c.restart);
    cmd.AddValue("restartAt", "fraction of the RPCs issued when it restarts", c.restartAt);
    cmd.AddValue("drain", "seconds after the last RPC before the state is checked", drain);
    cmd.AddValue("seed", "run number (RngRun) of the loss", seed);
    cmd.Parse(argc, argv);
    RngSeedManager::SetRun(seed);
    auto wallStart = std::chrono::steady_clock::now();

    LeafSpineHelper fabric;
    fabric.SetRacks(2);
    fabric.SetHostsPerRack(4);
    fabric.SetSpines(1);
    fabric.Install();
    HomaHelper homa;
    homa.Install(fabric.GetHosts());
    uint32_t n = fabric.GetNHosts();
    int64_t stream = 100 + fabric.AssignStreams(100);
    for (uint32_t h = 0; h < n; ++h)
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorRate", DoubleValue(c.loss));
        em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        em->AssignStreams(stream++);
        fabric.GetHosts().Get(h)->GetDevice(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }

    Soak soak(c, fabric);
    soak.Start();
    uint64_t total = 2ull * c.rpcs;
    bool died = c.dead >= n;
    bool restarted = c.restart >= n;
    std::vector<std::pair<double, uint64_t>> rss; // (fraction issued, KiB)
    uint32_t nextPercent = 5;
    std::cout << "homa-soak: " << n << " hosts (2 racks, 1 spine), " << c.rpcs
              << " RPCs per class of host pair, " << c.outstanding << " open per client, loss "
              << c.loss << "\n";
    // Check progress every simulated millisecond.
    std::function<void()> watch = [&]() {
        double done = static_cast<double>(soak.Issued()) / total;
        if (!died && done >= c.deadAt)
        {
            died = true;
            soak.Kill(c.dead);
        }
        if (!restarted && done >= c.restartAt)
        {
            restarted = true;
            soak.Restart(c.restart, MilliSeconds(5));
        }
        while (nextPercent <= 100 && soak.Issued() * 100 >= nextPercent * total)
        {
            rss.emplace_back(nextPercent / 100.0, RssKib());
            nextPercent += 5;
        }
        if (soak.Finished())
        {
            Simulator::Stop(Seconds(drain));
            return;
        }
        Simulator::Schedule(MilliSeconds(1), watch);
    };
    Simulator::Schedule(MilliSeconds(1), watch);
    Simulator::Run();
    Time end = Simulator::Now();

    const Tally& t = soak.GetTally();
    uint64_t errors = 0;
    for (const auto& [name, count] : t.errors)
    {
        errors += count;
    }
    uint64_t issued = soak.Issued();
    bool ok = true;
    std::cout << "  simulated " << end.As(Time::S) << ", wall "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count()
              << " s\n";
    std::cout << "  RPCs issued " << issued << " (same rack " << t.issued[0] << ", other rack "
              << t.issued[1] << "): verified " << t.verified << ", errors " << errors;
    for (const auto& [name, count] : t.errors)
    {
        std::cout << " (" << name << " " << count << ")";
    }
    std::cout << ", cancelled by the restart " << t.cancelled << ", corrupted " << t.corrupted
              << ", still open " << soak.InFlight() << "\n";
    if (t.corrupted != 0 || t.badRequests != 0 || soak.InFlight() != 0 ||
        t.verified + errors + t.cancelled != issued)
    {
        std::cout << "  FAILED: every RPC must end verified, with an error or cancelled ("
                  << t.badRequests << " corrupted requests seen by servers)\n";
        ok = false;
    }
    std::cout << "  state left per host (RPCs, pacer, grant list, peers):";
    for (uint32_t h = 0; h < n; ++h)
    {
        Ptr<HomaL4Protocol> p = fabric.GetHosts().Get(h)->GetObject<HomaL4Protocol>();
        size_t rpcs = p->GetNumRpcs();
        size_t pacer = p->GetPacer().GetSize();
        size_t grants = p->GetGrantScheduler().GetSize();
        size_t peers = p->GetPeers().GetSize();
        std::cout << " " << rpcs << "/" << pacer << "/" << grants << "/" << peers;
        if (rpcs != 0 || pacer != 0 || grants != 0 || peers > n - 1)
        {
            ok = false;
        }
    }
    std::cout << (ok ? "" : "  (FAILED: state left)") << "\n";
    std::cout << "  memory (VmRSS, MiB) at each 5 % of the RPCs issued:";
    for (const auto& [f, kib] : rss)
    {
        std::cout << " " << std::fixed << std::setprecision(1) << kib / 1024.0;
    }
    std::cout << "\n";
    if (rss.size() >= 20)
    {
        double half = rss[9].second;
        double last = rss.back().second;
        std::cout << "  from 50 % to 100 % of the RPCs: " << std::setprecision(1)
                  << 100.0 * (last - half) / half << " % more memory\n";
    }
    Simulator::Destroy();
    std::cout << (ok ? "homa-soak: passed\n" : "homa-soak: FAILED\n");
    return ok ? 0 : 1;
}
