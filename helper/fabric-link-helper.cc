/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-link-helper.h"

#include "ns3/fabric-channel.h"
#include "ns3/fabric-net-device.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/node.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/wire-queue-limits.h"

#ifdef NS3_MPI
#include "ns3/mpi-interface.h"
#include "ns3/mpi-receiver.h"
#endif

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricLinkHelper");

FabricLinkHelper::FabricLinkHelper()
{
    m_queueFactory.SetTypeId("ns3::DropTailQueue<Packet>");
    m_deviceFactory.SetTypeId("ns3::FabricNetDevice");
    m_channelFactory.SetTypeId("ns3::FabricChannel");
}

void
FabricLinkHelper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
FabricLinkHelper::SetChannelAttribute(std::string name, const AttributeValue& value)
{
    m_channelFactory.Set(name, value);
}

void
FabricLinkHelper::DisableFlowControl()
{
    m_flowControl = false;
}

NetDeviceContainer
FabricLinkHelper::Install(Ptr<Node> a, Ptr<Node> b)
{
    NS_ABORT_MSG_UNLESS(a && b && a != b, "FabricLinkHelper::Install: two distinct nodes");
    Ptr<FabricChannel> channel = m_channelFactory.Create<FabricChannel>();
    NetDeviceContainer devices;
    bool crossRank = a->GetSystemId() != b->GetSystemId();
    for (Ptr<Node> node : {a, b})
    {
        Ptr<FabricNetDevice> device = m_deviceFactory.Create<FabricNetDevice>();
        device->SetAddress(Mac48Address::Allocate());
        node->AddDevice(device);
        Ptr<Queue<Packet>> queue = m_queueFactory.Create<Queue<Packet>>();
        device->SetQueue(queue);
        if (m_flowControl && node->GetObject<TrafficControlLayer>())
        {
            // Flow control between a queue disc and the device queue, as PointToPointHelper
            // sets up (stop when the queue is full, wake when it drains).
            Ptr<NetDeviceQueueInterface> ndqi = CreateObject<NetDeviceQueueInterface>();
            ndqi->GetTxQueue(0)->ConnectQueueTraces(queue);
            device->AggregateObject(ndqi);
        }
#ifdef NS3_MPI
        if (MpiInterface::IsEnabled() && crossRank)
        {
            // Frames from another rank arrive through MpiInterface, which finds the device's
            // MpiReceiver.
            Ptr<MpiReceiver> receiver = CreateObject<MpiReceiver>();
            receiver->SetReceiveCallback(MakeCallback(&FabricNetDevice::Receive, device));
            device->AggregateObject(receiver);
        }
#endif
        device->Attach(channel);
        devices.Add(device);
    }
    (void)crossRank; // used with MPI only
    return devices;
}

void
FabricLinkHelper::EnablePcapInternal(std::string prefix,
                                     Ptr<NetDevice> nd,
                                     bool,
                                     bool explicitFilename)
{
    Ptr<FabricNetDevice> device = DynamicCast<FabricNetDevice>(nd);
    if (!device)
    {
        NS_LOG_INFO("FabricLinkHelper::EnablePcapInternal: device " << nd
                                                                    << " is not a "
                                                                       "FabricNetDevice");
        return;
    }
    PcapHelper pcap;
    std::string name = explicitFilename ? prefix : pcap.GetFilenameFromDevice(prefix, device);
    Ptr<PcapFileWrapper> file = pcap.CreateFile(name, std::ios::out, PcapHelper::DLT_PPP);
    pcap.HookDefaultSink<FabricNetDevice>(device, "PromiscSniffer", file);
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
FabricLinkHelper::LimitDeviceQueues(NetDeviceContainer devices)
{
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<NetDevice> device = devices.Get(i);
        PointerValue queue;
        NS_ABORT_MSG_UNLESS(device->GetAttributeFailSafe("TxQueue", queue) &&
                                queue.Get<QueueBase>(),
                            "FabricLinkHelper::LimitDeviceQueues: device "
                                << device->GetInstanceTypeId().GetName() << " of node "
                                << device->GetNode()->GetId() << " has no TxQueue attribute");
        queue.Get<QueueBase>()->SetMaxSize(QueueSize("1p"));
        Ptr<NetDeviceQueueInterface> ndqi = device->GetObject<NetDeviceQueueInterface>();
        NS_ABORT_MSG_UNLESS(ndqi,
                            "FabricLinkHelper::LimitDeviceQueues: device of node "
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
                            "FabricLinkHelper::LimitDeviceQueues: device "
                                << device->GetInstanceTypeId().GetName()
                                << " has no PhyTxEnd trace source");
    }
}

} // namespace ns3
