/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/node.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/pointer.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"
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

namespace
{

/// A transmission ended: let the queue disc pick the next packet, once the device is done
/// with the last one (it still clears its state after PhyTxEnd).
void
ReleaseTxQueue(Ptr<WireQueueLimits> limits, NetDeviceQueue* queue)
{
    if (queue->GetQueueLimits() != limits)
    {
        return; // the queue disc was replaced since (and its limits with it)
    }
    limits->TransmissionEnded();
    queue->NotifyTransmittedBytes(1); // re-checks the limits and wakes the queue disc
}

/// PhyTxEnd sink. Where the queue disc would run at once (ns-3.38 and later), the release
/// waits for an event of its own; ns-3.37 already defers the queue disc's run.
void
TransmissionEnded(Ptr<WireQueueLimits> limits, NetDeviceQueue* queue, Ptr<const Packet>)
{
#if NS3_COMPAT_SYNC_WAKE
    Simulator::ScheduleNow(&ReleaseTxQueue, limits, queue);
#else
    ReleaseTxQueue(limits, queue);
#endif
}

} // namespace

void
HomaHelper::LimitDeviceQueues(NetDeviceContainer devices)
{
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<NetDevice> device = devices.Get(i);
        PointerValue queue;
        NS_ABORT_MSG_UNLESS(device->GetAttributeFailSafe("TxQueue", queue) &&
                                queue.Get<QueueBase>(),
                            "HomaHelper::LimitDeviceQueues: device "
                                << device->GetInstanceTypeId().GetName() << " of node "
                                << device->GetNode()->GetId() << " has no TxQueue attribute");
        queue.Get<QueueBase>()->SetMaxSize(QueueSize("1p"));
        Ptr<NetDeviceQueueInterface> ndqi = device->GetObject<NetDeviceQueueInterface>();
        NS_ABORT_MSG_UNLESS(ndqi,
                            "HomaHelper::LimitDeviceQueues: device of node "
                                << device->GetNode()->GetId()
                                << " has no NetDeviceQueueInterface (no flow control)");
        // One packet in the device at a time, until its transmission ends. The callback
        // holds the limits (they hold nothing back) and the queue by a plain pointer (it lives
        // as long as the device). Installing a queue disc again (which clears the limits)
        // connects a new callback; the old one then finds other limits and does nothing.
        Ptr<NetDeviceQueue> txq = ndqi->GetTxQueue(0);
        if (DynamicCast<WireQueueLimits>(txq->GetQueueLimits()))
        {
            continue; // limited already
        }
        Ptr<WireQueueLimits> limits = CreateObject<WireQueueLimits>();
        txq->SetQueueLimits(limits);
        bool ok = device->TraceConnectWithoutContext(
            "PhyTxEnd",
            MakeBoundCallback(&TransmissionEnded, limits, PeekPointer(txq)));
        NS_ABORT_MSG_UNLESS(ok,
                            "HomaHelper::LimitDeviceQueues: device "
                                << device->GetInstanceTypeId().GetName()
                                << " has no PhyTxEnd trace source");
    }
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
    LimitDeviceQueues(devices);
    return qdiscs;
}

} // namespace ns3
