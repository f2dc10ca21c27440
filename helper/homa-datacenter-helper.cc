/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-datacenter-helper.h"

#include "homa-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-global-routing.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/string.h"

#include <sstream>

namespace ns3
{

HomaDatacenterHelper::HomaDatacenterHelper()
    : m_racks(9),
      m_hostsPerRack(16),
      m_spines(4),
      m_hostRate("10Gbps"),
      m_fabricRate("40Gbps"),
      m_delay(NanoSeconds(250)),
      m_buffer("100000p"),
      m_spray(true)
{
}

void
HomaDatacenterHelper::SetRacks(uint32_t racks)
{
    m_racks = racks;
}

void
HomaDatacenterHelper::SetHostsPerRack(uint32_t hosts)
{
    m_hostsPerRack = hosts;
}

void
HomaDatacenterHelper::SetSpines(uint32_t spines)
{
    m_spines = spines;
}

void
HomaDatacenterHelper::SetHostRate(DataRate rate)
{
    m_hostRate = rate;
}

void
HomaDatacenterHelper::SetFabricRate(DataRate rate)
{
    m_fabricRate = rate;
}

void
HomaDatacenterHelper::SetLinkDelay(Time delay)
{
    m_delay = delay;
}

void
HomaDatacenterHelper::SetPortBuffer(QueueSize size)
{
    m_buffer = size;
}

void
HomaDatacenterHelper::SetSpraying(bool spray)
{
    m_spray = spray;
}

void
HomaDatacenterHelper::Install()
{
    NS_ABORT_MSG_IF(m_racks == 0 || m_hostsPerRack == 0 || m_spines == 0,
                    "HomaDatacenterHelper: racks, hosts per rack and spines must be at least 1");
    NS_ABORT_MSG_IF(m_racks > 200 || m_hostsPerRack > 250 || m_spines > 50,
                    "HomaDatacenterHelper: at most 200 racks, 250 hosts per rack, 50 spines");
    NS_ABORT_MSG_IF(m_hosts.GetN() > 0, "HomaDatacenterHelper::Install called twice");
    m_hosts.Create(m_racks * m_hostsPerRack);
    m_tors.Create(m_racks);
    m_spinesNodes.Create(m_spines);
    InternetStackHelper internet;
    internet.Install(m_hosts);
    internet.Install(m_tors);
    internet.Install(m_spinesNodes);

    PointToPointHelper hostLink;
    hostLink.SetDeviceAttribute("DataRate", DataRateValue(m_hostRate));
    hostLink.SetChannelAttribute("Delay", TimeValue(m_delay));
    hostLink.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("2p"));
    PointToPointHelper fabricLink = hostLink;
    fabricLink.SetDeviceAttribute("DataRate", DataRateValue(m_fabricRate));

    Ipv4AddressHelper ipv4;
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        for (uint32_t h = 0; h < m_hostsPerRack; ++h)
        {
            uint32_t host = r * m_hostsPerRack + h;
            NetDeviceContainer link = hostLink.Install(m_hosts.Get(host), m_tors.Get(r));
            QueueDiscContainer q = HomaHelper::InstallPriorityQueueDisc(link, m_buffer, m_buffer);
            m_switchQdiscs.Add(q.Get(1));
            std::ostringstream net;
            net << "10." << r << "." << h << ".0";
            ipv4.SetBase(net.str().c_str(), "255.255.255.0");
            m_addresses.push_back(ipv4.Assign(link).GetAddress(0));
        }
        for (uint32_t s = 0; s < m_spines; ++s)
        {
            NetDeviceContainer link = fabricLink.Install(m_tors.Get(r), m_spinesNodes.Get(s));
            QueueDiscContainer q = HomaHelper::InstallPriorityQueueDisc(link, m_buffer, m_buffer);
            m_switchQdiscs.Add(q);
            std::ostringstream net;
            net << "11." << r << "." << s << ".0";
            ipv4.SetBase(net.str().c_str(), "255.255.255.0");
            ipv4.Assign(link);
        }
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    if (m_spray)
    {
        for (uint32_t r = 0; r < m_racks; ++r)
        {
            Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(
                m_tors.Get(r)->GetObject<Ipv4>()->GetRoutingProtocol());
            NS_ABORT_MSG_UNLESS(list, "HomaDatacenterHelper: expected Ipv4ListRouting on the ToRs");
            for (uint32_t k = 0; k < list->GetNRoutingProtocols(); ++k)
            {
                int16_t priority;
                Ptr<Ipv4GlobalRouting> global =
                    DynamicCast<Ipv4GlobalRouting>(list->GetRoutingProtocol(k, priority));
                if (global)
                {
                    global->SetAttribute("RandomEcmpRouting", BooleanValue(true));
                }
            }
        }
    }
}

int64_t
HomaDatacenterHelper::AssignStreams(int64_t stream)
{
    InternetStackHelper internet;
    NodeContainer all(m_hosts, m_tors, m_spinesNodes);
    return internet.AssignStreams(all, stream);
}

NodeContainer
HomaDatacenterHelper::GetHosts() const
{
    return m_hosts;
}

NodeContainer
HomaDatacenterHelper::GetTors() const
{
    return m_tors;
}

NodeContainer
HomaDatacenterHelper::GetSpines() const
{
    return m_spinesNodes;
}

QueueDiscContainer
HomaDatacenterHelper::GetSwitchQueueDiscs() const
{
    return m_switchQdiscs;
}

Ipv4Address
HomaDatacenterHelper::GetHostAddress(uint32_t host) const
{
    return m_addresses.at(host);
}

uint32_t
HomaDatacenterHelper::GetRack(uint32_t host) const
{
    return host / m_hostsPerRack;
}

uint32_t
HomaDatacenterHelper::GetNHosts() const
{
    return m_hosts.GetN();
}

DataRate
HomaDatacenterHelper::GetHostRate() const
{
    return m_hostRate;
}

DataRate
HomaDatacenterHelper::GetFabricRate() const
{
    return m_fabricRate;
}

Time
HomaDatacenterHelper::GetLinkDelay() const
{
    return m_delay;
}

} // namespace ns3
