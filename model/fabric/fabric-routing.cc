/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-routing.h"

#include "fabric-wire.h"

#include "ns3/enum.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricRouting");

NS_OBJECT_ENSURE_REGISTERED(FabricRouting);

namespace
{
/// \param network a masked destination \return its slot hash (Fibonacci hashing; a
/// prefix's low bits are zero, so the product's high half is folded in)
inline size_t
SlotHash(uint32_t network)
{
    uint32_t h = network * 2654435761u;
    return h ^ (h >> 16);
}
} // namespace

TypeId
FabricRouting::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricRouting")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Fabric")
            .AddConstructor<FabricRouting>()
            .AddAttribute(
                "Balance",
                "How a packet chooses among equal-cost interfaces: SprayProtocol (packets "
                "of IP protocol SprayProtocol sprayed, others hashed per flow), SprayAll, "
                "FlowHash.",
                EnumValue(SPRAY_PROTOCOL),
                NS3_COMPAT_MAKE_ENUM_ACCESSOR(FabricRouting::Balance, &FabricRouting::m_balance),
                MakeEnumChecker(SPRAY_PROTOCOL,
                                "SprayProtocol",
                                SPRAY_ALL,
                                "SprayAll",
                                FLOW_HASH,
                                "FlowHash"))
            .AddAttribute("HashSalt",
                          "Mixed into the flow hash; 0 takes the node id, so that switches "
                          "at different levels do not all pick the same way (polarization).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricRouting::m_salt),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SprayProtocol",
                          "With Balance SprayProtocol, the IP protocol number whose packets are "
                          "sprayed (0: none).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricRouting::m_sprayProtocol),
                          MakeUintegerChecker<uint8_t>());
    return tid;
}

FabricRouting::FabricRouting()
    : m_balance(SPRAY_PROTOCOL),
      m_salt(0),
      m_sprayProtocol(0),
      m_nodeId(0),
      m_spray(CreateObject<UniformRandomVariable>())
{
}

FabricRouting::~FabricRouting() = default;

void
FabricRouting::DoDispose()
{
    m_ipv4 = nullptr;
    m_spray = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
FabricRouting::AddRoute(Ipv4Address network, Ipv4Mask mask, std::vector<uint32_t> interfaces)
{
    NS_ABORT_MSG_IF(interfaces.empty(), "FabricRouting::AddRoute: no interface");
    Entry e{network.CombineMask(mask), mask, std::move(interfaces)};
    auto pos = std::find_if(m_entries.begin(), m_entries.end(), [&e](const Entry& x) {
        return x.mask.GetPrefixLength() < e.mask.GetPrefixLength();
    });
    m_entries.insert(pos, std::move(e));
    BuildTables();
}

void
FabricRouting::ClearRoutes()
{
    m_entries.clear();
    BuildTables();
}

void
FabricRouting::BuildTables()
{
    // The lookup reads a few cache lines: one small table per prefix length (a fabric has
    // two or three), the slot, and the interfaces. A per-destination cache grew with the
    // fabric (hundreds of entries per switch at 576 hosts, a heap node each).
    m_levels.clear();
    m_interfaces.clear();
    for (size_t i = 0; i < m_entries.size();)
    {
        size_t j = i;
        while (j < m_entries.size() && m_entries[j].mask == m_entries[i].mask)
        {
            ++j;
        }
        Level level{m_entries[i].mask.Get(), {}};
        size_t capacity = 2;
        while (capacity < 2 * (j - i))
        {
            capacity *= 2;
        }
        level.slots.assign(capacity, Slot{0, 0, 0});
        for (size_t k = i; k < j; ++k)
        {
            const Entry& e = m_entries[k];
            uint32_t network = e.network.Get();
            size_t at = SlotHash(network) & (capacity - 1);
            while (level.slots[at].count != 0 && level.slots[at].network != network)
            {
                at = (at + 1) & (capacity - 1);
            }
            if (level.slots[at].count != 0)
            {
                continue; // the same prefix added again: the first one stays
            }
            level.slots[at] = Slot{network,
                                   static_cast<uint32_t>(m_interfaces.size()),
                                   static_cast<uint32_t>(e.interfaces.size())};
            m_interfaces.insert(m_interfaces.end(), e.interfaces.begin(), e.interfaces.end());
        }
        m_levels.push_back(std::move(level));
        i = j;
    }
}

int64_t
FabricRouting::AssignStreams(int64_t stream)
{
    m_spray->SetStream(stream);
    return 1;
}

int32_t
FabricRouting::Lookup(const Ipv4Header& header, Ptr<const Packet> l4)
{
    uint8_t ports[4] = {0, 0, 0, 0};
    if (l4 && l4->GetSize() >= 4)
    {
        l4->CopyData(ports, 4);
    }
    return Lookup(header.GetSource(),
                  header.GetDestination(),
                  header.GetProtocol(),
                  (uint32_t(ports[0]) << 24) | (uint32_t(ports[1]) << 16) |
                      (uint32_t(ports[2]) << 8) | ports[3]);
}

int32_t
FabricRouting::Lookup(Ipv4Address source, Ipv4Address destination, uint8_t protocol, uint32_t ports)
{
    const Slot* route = nullptr;
    uint32_t address = destination.Get();
    for (const Level& level : m_levels)
    {
        uint32_t network = address & level.mask;
        size_t last = level.slots.size() - 1;
        for (size_t at = SlotHash(network) & last; level.slots[at].count != 0; at = (at + 1) & last)
        {
            if (level.slots[at].network == network)
            {
                route = &level.slots[at];
                break;
            }
        }
        if (route)
        {
            break;
        }
    }
    if (route)
    {
        const uint32_t* interfaces = m_interfaces.data() + route->first;
        uint32_t n = route->count;
        if (n == 1)
        {
            return interfaces[0];
        }
        bool spray =
            m_balance == SPRAY_ALL ||
            (m_balance == SPRAY_PROTOCOL && protocol == m_sprayProtocol && m_sprayProtocol != 0);
        if (spray)
        {
            return interfaces[m_spray->GetInteger(0, n - 1)];
        }
        // FNV-1a over the 5-tuple and the salt.
        uint32_t salt = m_salt != 0 ? m_salt : m_nodeId;
        uint32_t words[4] = {source.Get(),
                             destination.Get(),
                             (uint32_t(protocol) << 24) ^ salt,
                             ports};
        uint32_t h = 2166136261u;
        for (uint32_t w : words)
        {
            for (int i = 0; i < 4; ++i)
            {
                h = (h ^ ((w >> (8 * i)) & 0xff)) * 16777619u;
            }
        }
        return interfaces[h % n];
    }
    return -1;
}

void
FabricRouting::SetNodeId(uint32_t id)
{
    m_nodeId = id;
}

Ptr<Ipv4Route>
FabricRouting::MakeRoute(uint32_t interface, Ipv4Address destination) const
{
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(destination);
    route->SetGateway(Ipv4Address::GetZero()); // point-to-point links: no next-hop address
    route->SetSource(m_ipv4->GetAddress(interface, 0).GetLocal());
    route->SetOutputDevice(m_ipv4->GetNetDevice(interface));
    return route;
}

Ptr<Ipv4Route>
FabricRouting::RouteOutput(Ptr<Packet> p,
                           const Ipv4Header& header,
                           Ptr<NetDevice> oif,
                           Socket::SocketErrno& sockerr)
{
    int32_t interface = Lookup(header, p);
    if (interface < 0 || (oif && m_ipv4->GetInterfaceForDevice(oif) != interface))
    {
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    sockerr = Socket::ERROR_NOTERROR;
    return MakeRoute(interface, header.GetDestination());
}

bool
FabricRouting::RouteInput(Ptr<const Packet> p,
                          const Ipv4Header& header,
                          Ptr<const NetDevice> idev,
                          NS3_COMPAT_ROUTE_CALLBACK(UnicastForwardCallback) ucb,
                          NS3_COMPAT_ROUTE_CALLBACK(MulticastForwardCallback) mcb,
                          NS3_COMPAT_ROUTE_CALLBACK(LocalDeliverCallback) lcb,
                          NS3_COMPAT_ROUTE_CALLBACK(ErrorCallback) ecb)
{
    // Ipv4ListRouting has already delivered packets for this node's addresses; the fabric
    // routes unicast only.
    if (header.GetDestination().IsMulticast() || header.GetDestination().IsBroadcast())
    {
        return false;
    }
    int32_t interface = Lookup(header, p);
    if (interface < 0)
    {
        return false;
    }
    ucb(MakeRoute(interface, header.GetDestination()), p, header);
    return true;
}

void
FabricRouting::NotifyInterfaceUp(uint32_t)
{
}

void
FabricRouting::NotifyInterfaceDown(uint32_t)
{
}

void
FabricRouting::NotifyAddAddress(uint32_t, Ipv4InterfaceAddress)
{
}

void
FabricRouting::NotifyRemoveAddress(uint32_t, Ipv4InterfaceAddress)
{
}

void
FabricRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
    Ptr<Node> node = ipv4 ? ipv4->GetObject<Node>() : nullptr;
    m_nodeId = node ? node->GetId() : 0;
}

void
FabricRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit) const
{
    std::ostream& os = *stream->GetStream();
    os << "FabricRouting: " << m_entries.size() << " routes\n";
    for (const Entry& e : m_entries)
    {
        os << "  " << e.network << "/" << e.mask.GetPrefixLength() << " via interfaces";
        for (uint32_t i : e.interfaces)
        {
            os << " " << i;
        }
        os << "\n";
    }
}

} // namespace ns3
