/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/fabric-link-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/node.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/nstime.h"
#include "ns3/pointer.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/uinteger.h"
#include "ns3/wire-queue-limits.h"

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

void
HomaHelper::SetProfile(const std::string& profile)
{
    if (profile == "linux")
    {
        SetAttribute("UnschedBytes", UintegerValue(40000));
        SetAttribute("Window", UintegerValue(0));
        SetAttribute("MaxIncoming", UintegerValue(400000));
        SetAttribute("MaxOvercommit", UintegerValue(8));
        SetAttribute("NumPriorities", UintegerValue(8));
        SetAttribute("UnschedCutoffs", StringValue("0 0 0 0 1000000 15000 2800 200"));
        SetAttribute("UnschedPriorityBy", EnumValue(HomaL4Protocol::BY_LENGTH));
        SetAttribute("BoostTailBytes", UintegerValue(0));
        SetAttribute("AssumePeerCutoffs", BooleanValue(false));
        SetAttribute("GrantInOrder", BooleanValue(false));
        SetAttribute("OneMessagePerPeer", BooleanValue(false));
        SetAttribute("GrantFifoFraction", UintegerValue(50));
        SetAttribute("FifoGrantIncrement", UintegerValue(50000));
        SetAttribute("PacerFifoFraction", UintegerValue(50));
        SetAttribute("MaxNicBacklog", TimeValue(MicroSeconds(5)));
        SetAttribute("ResendTicks", UintegerValue(5));
        SetAttribute("ResendInterval", UintegerValue(5));
        SetAttribute("TimeoutTicks", UintegerValue(100));
        SetAttribute("RequestAckTicks", UintegerValue(2));
        SetAttribute("IncastThreshold", UintegerValue(0)); // not in the kernel
        return;
    }
    if (profile == "paper")
    {
        SetAttribute("UnschedBytes", UintegerValue(9328));
        SetAttribute("UnschedWholePackets", BooleanValue(false));
        SetAttribute("GrantInOrder", BooleanValue(false));
        SetAttribute("OneMessagePerPeer", BooleanValue(true));
        SetAttribute("GrantFifoFraction", UintegerValue(0));
        SetAttribute("PacerFifoFraction", UintegerValue(0));
        SetAttribute("NumPriorities", UintegerValue(8));
        SetAttribute("IncastThreshold", UintegerValue(0)); // not in the simulator
        // HomaTransport.cc SendController::sendPktAndScheduleNext: the simulator hands its
        // NIC the next packet (grants first, then data by SRBF) only when the one before it
        // has left, and nothing at the NIC reorders them.
        SetAttribute("MaxNicBacklog", TimeValue(Seconds(0)));
        SetNicDataByLevel(false);
        return;
    }
    NS_ABORT_MSG("HomaHelper::SetProfile: \"" << profile
                                              << "\" is not a profile; use linux or "
                                                 "paper");
}

void
HomaHelper::SetUnschedBytesFor(Ipv4Address network, Ipv4Mask mask, uint32_t bytes)
{
    m_unschedRules.emplace_back(network, mask, bytes);
}

Ptr<HomaL4Protocol>
HomaHelper::CreateProtocol() const
{
    Ptr<HomaL4Protocol> homa = m_factory.Create<HomaL4Protocol>();
    for (const auto& [network, mask, bytes] : m_unschedRules)
    {
        homa->SetUnschedBytesFor(network, mask, bytes);
    }
    return homa;
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
    Ptr<HomaL4Protocol> homa = CreateProtocol();
    node->AggregateObject(homa);
    return homa;
}

void
HomaHelper::SetCutoffs(const HomaCutoffs::Array& cutoffs)
{
    m_factory.Set("UnschedCutoffs", StringValue(HomaCutoffs::Format(cutoffs)));
    m_factory.Set("AssumePeerCutoffs", BooleanValue(true));
}

HomaCutoffs::Array
HomaHelper::SetCutoffsFromDistribution(const std::vector<std::pair<double, double>>& cdf,
                                       uint8_t unschedLevels)
{
    // A protocol object made from the factory has every attribute set so far.
    Ptr<HomaL4Protocol> probe = m_factory.Create<HomaL4Protocol>();
    HomaCutoffs::Array cutoffs = HomaCutoffs::FromDistribution(cdf,
                                                               probe->GetUnschedBytes(),
                                                               probe->GetNumPriorities(),
                                                               unschedLevels);
    SetCutoffs(cutoffs);
    return cutoffs;
}

HomaCutoffs::Array
HomaHelper::SetGraduatedPriorities(const std::vector<std::pair<double, double>>& cdf,
                                   uint8_t unschedLevels)
{
    Ptr<HomaL4Protocol> probe = m_factory.Create<HomaL4Protocol>();
    uint32_t unsched = probe->GetUnschedBytes();
    uint32_t maxPayload = HomaWire::MaxPayload(1500);
    auto boost = static_cast<uint32_t>(HomaWire::WireBytes(unsched, maxPayload));
    HomaCutoffs::Array cutoffs =
        HomaCutoffs::FromDistributionGraduated(cdf,
                                               unsched,
                                               boost,
                                               probe->GetNumPriorities(),
                                               std::max<uint8_t>(1, unschedLevels),
                                               1500,
                                               probe->GetUnschedWholePackets());
    SetAttribute("UnschedPriorityBy", EnumValue(HomaL4Protocol::BY_REMAINING));
    SetAttribute("BoostTailBytes", UintegerValue(boost));
    SetCutoffs(cutoffs);
    return cutoffs;
}

void
HomaHelper::SetNicDataByLevel(bool byLevel)
{
    m_nicDataByLevel = byLevel;
}

bool
HomaHelper::GetNicDataByLevel() const
{
    return m_nicDataByLevel;
}

void
HomaHelper::ConfigureFabric(LeafSpineHelper& fabric,
                            QueueSize buffer,
                            bool queueDiscs,
                            bool nicDataByLevel)
{
    fabric.SetSprayProtocol(HomaWire::PROTOCOL);
    if (!queueDiscs)
    {
        fabric.SetPortQueue("ns3::PriorityDeviceQueue", "MaxSize", QueueSizeValue(buffer));
        fabric.SetHostQueue("ns3::HomaNicQueue",
                            "MaxSize",
                            QueueSizeValue(buffer),
                            "DataByLevel",
                            BooleanValue(nicDataByLevel));
        return;
    }
    NS_ABORT_MSG_UNLESS(nicDataByLevel,
                        "HomaHelper::ConfigureFabric: host NICs that send DATA in Homa's order "
                        "(SetNicDataByLevel (false)) need device queues, not queue discs");
    TrafficControlHelper port;
    port.SetRootQueueDisc("ns3::HomaPriorityQueueDisc",
                          "MaxSize",
                          QueueSizeValue(buffer),
                          "BandMaxSize",
                          QueueSizeValue(buffer));
    TrafficControlHelper nic;
    nic.SetRootQueueDisc("ns3::HomaPriorityQueueDisc",
                         "MaxSize",
                         QueueSizeValue(buffer),
                         "BandMaxSize",
                         QueueSizeValue(buffer),
                         "ControlFirst",
                         BooleanValue(true));
    fabric.SetQueueDiscs(nic, port, port);
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
    FabricLinkHelper::LimitDeviceQueues(devices);
    return qdiscs;
}

} // namespace ns3
