/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaHelper");

HomaHelper::HomaHelper()
{
    m_factory.SetTypeId(HomaL4Protocol::GetTypeId());
}

void
HomaHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
HomaHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

Ptr<HomaL4Protocol>
HomaHelper::Install(Ptr<Node> node) const
{
    NS_ABORT_MSG_UNLESS(node->GetObject<Ipv4>(),
                        "HomaHelper::Install: node " << node->GetId()
                                                     << " has no IPv4 stack; install it first "
                                                        "with InternetStackHelper");
    NS_ABORT_MSG_IF(node->GetObject<HomaL4Protocol>(),
                    "HomaHelper::Install: node " << node->GetId() << " already has Homa");
    Ptr<HomaL4Protocol> homa = m_factory.Create<HomaL4Protocol>();
    node->AggregateObject(homa);
    return homa;
}

QueueDiscContainer
HomaHelper::InstallPriorityQueueDisc(NetDeviceContainer devices,
                                     QueueSize maxSize,
                                     QueueSize bandMaxSize)
{
    TrafficControlHelper tch;
    tch.SetRootQueueDisc("ns3::HomaPriorityQueueDisc",
                         "MaxSize",
                         QueueSizeValue(maxSize),
                         "BandMaxSize",
                         QueueSizeValue(bandMaxSize));
    QueueDiscContainer qdiscs;
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<NetDevice> device = devices.Get(i);
        Ptr<TrafficControlLayer> tc = device->GetNode()->GetObject<TrafficControlLayer>();
        NS_ABORT_MSG_UNLESS(tc,
                            "HomaHelper::InstallPriorityQueueDisc: node "
                                << device->GetNode()->GetId()
                                << " has no traffic control layer; install the internet stack");
        if (tc->GetRootQueueDiscOnDevice(device))
        {
            tch.Uninstall(device);
        }
        qdiscs.Add(tch.Install(device));
    }
    return qdiscs;
}

} // namespace ns3
