/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-fabric-link-helper.h"

#include "ns3/homa-fabric-channel.h"
#include "ns3/homa-fabric-net-device.h"
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

NS_LOG_COMPONENT_DEFINE("HomaFabricLinkHelper");

HomaFabricLinkHelper::HomaFabricLinkHelper()
{
    m_queueFactory.SetTypeId("ns3::DropTailQueue<Packet>");
    m_deviceFactory.SetTypeId("ns3::HomaFabricNetDevice");
    m_channelFactory.SetTypeId("ns3::HomaFabricChannel");
}

void
HomaFabricLinkHelper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
HomaFabricLinkHelper::SetChannelAttribute(std::string name, const AttributeValue& value)
{
    m_channelFactory.Set(name, value);
}

void
HomaFabricLinkHelper::DisableFlowControl()
{
    m_flowControl = false;
}

NetDeviceContainer
HomaFabricLinkHelper::Install(Ptr<Node> a, Ptr<Node> b)
{
    NS_ABORT_MSG_UNLESS(a && b && a != b, "HomaFabricLinkHelper::Install: two distinct nodes");
    Ptr<HomaFabricChannel> channel = m_channelFactory.Create<HomaFabricChannel>();
    NetDeviceContainer devices;
    bool crossRank = a->GetSystemId() != b->GetSystemId();
    for (Ptr<Node> node : {a, b})
    {
        Ptr<HomaFabricNetDevice> device = m_deviceFactory.Create<HomaFabricNetDevice>();
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
            receiver->SetReceiveCallback(MakeCallback(&HomaFabricNetDevice::Receive, device));
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
HomaFabricLinkHelper::EnablePcapInternal(std::string prefix,
                                         Ptr<NetDevice> nd,
                                         bool,
                                         bool explicitFilename)
{
    Ptr<HomaFabricNetDevice> device = DynamicCast<HomaFabricNetDevice>(nd);
    if (!device)
    {
        NS_LOG_INFO("HomaFabricLinkHelper::EnablePcapInternal: device " << nd
                                                                        << " is not a "
                                                                           "HomaFabricNetDevice");
        return;
    }
    PcapHelper pcap;
    std::string name = explicitFilename ? prefix : pcap.GetFilenameFromDevice(prefix, device);
    Ptr<PcapFileWrapper> file = pcap.CreateFile(name, std::ios::out, PcapHelper::DLT_PPP);
    pcap.HookDefaultSink<HomaFabricNetDevice>(device, "PromiscSniffer", file);
}

} // namespace ns3
