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
#include "ns3/traffic-control-layer.h"

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

} // namespace ns3
