/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "leaf-spine-routes.h"

#include "ns3/abort.h"
#include "ns3/fabric-channel.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LeafSpineRoutes");

namespace
{
/// \param rack a rack \param host a host of it, or -1 \return 10.rack.0.0 or 10.rack.host.0
Ipv4Address
RackNetwork(uint32_t rack, int32_t host = -1)
{
    std::ostringstream net;
    net << "10." << rack << "." << (host < 0 ? 0 : host) << ".0";
    return Ipv4Address(net.str().c_str());
}
} // namespace

LeafSpineRoutes::LeafSpineRoutes(std::vector<Ptr<FabricRouting>> tors,
                                 std::vector<Ptr<FabricRouting>> spines,
                                 std::vector<uint32_t> hostsPerRack,
                                 std::vector<std::vector<Ptr<FabricChannel>>> wires)
    : m_tors(std::move(tors)),
      m_spines(std::move(spines)),
      m_hostsPerRack(std::move(hostsPerRack)),
      m_wires(std::move(wires)),
      m_routed(m_tors.size(), std::vector<bool>(m_spines.size(), true))
{
    NS_ABORT_MSG_UNLESS(m_hostsPerRack.size() == m_tors.size() && m_wires.size() == m_tors.size(),
                        "LeafSpineRoutes: one entry per rack");
}

void
LeafSpineRoutes::SetDetectionTime(Time delay)
{
    NS_ABORT_MSG_IF(delay.IsNegative(), "LeafSpineRoutes: negative detection time");
    m_detection = delay;
}

Time
LeafSpineRoutes::GetDetectionTime() const
{
    return m_detection;
}

void
LeafSpineRoutes::Build()
{
    const uint32_t racks = m_tors.size();
    const uint32_t spines = m_spines.size();
    for (uint32_t r = 0; r < racks; ++r)
    {
        Ptr<FabricRouting> tor = m_tors[r];
        tor->ClearRoutes();
        for (uint32_t h = 0; h < m_hostsPerRack[r]; ++h)
        {
            tor->AddRoute(RackNetwork(r, h), Ipv4Mask("255.255.255.0"), {h + 1});
        }
        std::vector<uint32_t> uplinks;
        for (uint32_t s = 0; s < spines; ++s)
        {
            if (m_routed[r][s])
            {
                uplinks.push_back(m_hostsPerRack[r] + 1 + s);
            }
        }
        if (!uplinks.empty())
        {
            tor->AddRoute(Ipv4Address("10.0.0.0"), Ipv4Mask("255.0.0.0"), uplinks);
        }
        for (uint32_t other = 0; other < racks; ++other)
        {
            if (other == r)
            {
                continue;
            }
            std::vector<uint32_t> through;
            for (uint32_t s = 0; s < spines; ++s)
            {
                if (m_routed[r][s] && m_routed[other][s])
                {
                    through.push_back(m_hostsPerRack[r] + 1 + s);
                }
            }
            if (!through.empty() && through.size() < uplinks.size())
            {
                tor->AddRoute(RackNetwork(other), Ipv4Mask("255.255.0.0"), through);
            }
        }
    }
    for (uint32_t s = 0; s < spines; ++s)
    {
        m_spines[s]->ClearRoutes();
        for (uint32_t r = 0; r < racks; ++r)
        {
            if (m_routed[r][s])
            {
                m_spines[s]->AddRoute(RackNetwork(r), Ipv4Mask("255.255.0.0"), {r + 1});
            }
        }
    }
}

void
LeafSpineRoutes::SetLink(uint32_t rack, uint32_t spine, bool up)
{
    NS_ABORT_MSG_UNLESS(rack < m_tors.size() && spine < m_spines.size(),
                        "LeafSpineRoutes::SetLink: no link between ToR " << rack << " and spine "
                                                                         << spine);
    Ptr<FabricChannel> wire = m_wires[rack][spine];
    NS_ABORT_MSG_UNLESS(wire,
                        "LeafSpineRoutes::SetLink: link faults need FabricChannel links "
                        "(LeafSpineHelper::SetLinks(FABRIC_LINKS), the default)");
    NS_LOG_INFO(Simulator::Now().As(Time::US)
                << " ToR " << rack << " - spine " << spine << (up ? " up" : " down"));
    wire->SetLinkUp(up);
    Simulator::Schedule(m_detection, &LeafSpineRoutes::Converge, Ptr<LeafSpineRoutes>(this));
}

void
LeafSpineRoutes::Converge()
{
    bool changed = false;
    for (uint32_t r = 0; r < m_tors.size(); ++r)
    {
        for (uint32_t s = 0; s < m_spines.size(); ++s)
        {
            bool up = m_wires[r][s] == nullptr || m_wires[r][s]->IsLinkUp();
            changed = changed || up != m_routed[r][s];
            m_routed[r][s] = up;
        }
    }
    if (changed)
    {
        ++m_convergences;
        NS_LOG_INFO(Simulator::Now().As(Time::US) << " routes rebuilt");
        Build();
    }
}

bool
LeafSpineRoutes::IsRouted(uint32_t rack, uint32_t spine) const
{
    return m_routed.at(rack).at(spine);
}

uint64_t
LeafSpineRoutes::GetLostFrames() const
{
    uint64_t lost = 0;
    for (const auto& row : m_wires)
    {
        for (const auto& wire : row)
        {
            lost += wire ? wire->GetLostFrames() : 0;
        }
    }
    return lost;
}

uint32_t
LeafSpineRoutes::GetConvergences() const
{
    return m_convergences;
}

} // namespace ns3
