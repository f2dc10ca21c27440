/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FABRIC_LINK_HELPER_H
#define FABRIC_LINK_HELPER_H

#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/queue.h"
#include "ns3/trace-helper.h"

#include <string>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief Build links of FabricNetDevices (PointToPointHelper's interface, for the lean
 * fabric device).
 *
 * Install(a, b) creates a device on each node (a fresh Mac48Address, a transmit queue from
 * SetQueue, default DropTailQueue<Packet>), a FabricChannel between them, and, where the
 * node has a TrafficControlLayer (and unless DisableFlowControl), a NetDeviceQueueInterface
 * connected to the queue (the flow control queue discs rely on). Under MPI (ns-3's mpi module
 * enabled), a link whose other end lives on another rank delivers through MpiInterface and receives
 * through an MpiReceiver. Captures are PPP (DLT_PPP), one file per device, as PointToPointHelper
 * writes them.
 */
class FabricLinkHelper : public PcapHelperForDevice
{
  public:
    FabricLinkHelper();

    /**
     * \param name an attribute of ns3::FabricNetDevice (DataRate, Mtu, InterframeGap)
     * \param value its value for the devices installed from now on
     */
    void SetDeviceAttribute(std::string name, const AttributeValue& value);
    /**
     * \param name an attribute of ns3::FabricChannel (Delay)
     * \param value its value for the channels installed from now on
     */
    void SetChannelAttribute(std::string name, const AttributeValue& value);
    /**
     * \brief The transmit queue of the devices installed from now on.
     * \tparam Ts attribute name and value pairs
     * \param type a Queue<Packet> type, e.g. "ns3::PriorityDeviceQueue"
     * \param args its attributes
     */
    template <typename... Ts>
    void SetQueue(std::string type, Ts&&... args);

    /**
     * \brief Aggregate no NetDeviceQueueInterface to the devices installed from now on, even
     * on nodes with a traffic-control layer (as PointToPointHelper::DisableFlowControl): for
     * devices whose queue is the port's queue, with no queue disc above it. A full queue then
     * refuses a frame at the device (MacTxDrop) instead of the traffic-control layer.
     */
    void DisableFlowControl();

    /**
     * \brief Connect two nodes.
     * \param a one node \param b the other
     * \return the device on a, then the device on b
     */
    NetDeviceContainer Install(Ptr<Node> a, Ptr<Node> b);

    /**
     * \brief Leave no FIFO below the queue disc of each device: the device queue holds at
     * most one packet, and WireQueueLimits keep the device's traffic-control queue stopped
     * from the moment a packet is handed to the device until its transmission ends
     * (PhyTxEnd). The queue disc then picks every packet when the link is free, so a
     * higher-priority packet waits at most for the packet on the wire (a device queue of n
     * packets would add up to n full packets per hop). Call it after installing a root queue
     * disc (a device without one would drop what arrives while it is stopped).
     * \param devices devices with a "TxQueue" attribute and a PhyTxEnd trace (point-to-point,
     *        CSMA), each with a root queue disc
     */
    static void LimitDeviceQueues(NetDeviceContainer devices);

  private:
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;

    ObjectFactory m_queueFactory;   //!< transmit queues
    ObjectFactory m_deviceFactory;  //!< devices
    ObjectFactory m_channelFactory; //!< channels
    bool m_flowControl{true};       //!< NetDeviceQueueInterface where there is traffic control
};

template <typename... Ts>
void
FabricLinkHelper::SetQueue(std::string type, Ts&&... args)
{
    QueueBase::AppendItemTypeIfNotPresent(type, "Packet");
    m_queueFactory.SetTypeId(type);
    m_queueFactory.Set(std::forward<Ts>(args)...);
}

} // namespace ns3

#endif /* FABRIC_LINK_HELPER_H */
