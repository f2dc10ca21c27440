/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FABRIC_NET_DEVICE_H
#define FABRIC_NET_DEVICE_H

#include "ns3/data-rate.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/queue.h"
#include "ns3/traced-callback.h"

#include <array>

namespace ns3
{

class ErrorModel;
class FabricChannel;
class Node;
class Packet;

/**
 * \ingroup fabric
 * \brief A lean point-to-point NIC for datacenter fabrics: the link of PointToPointNetDevice,
 * with less work per packet (a fifth to a quarter less wall time on 64-576 hosts).
 *
 * On the wire it is PointToPointNetDevice: every frame carries the 2-byte PPP header
 * (protocol 0x0021 for IPv4, 0x0057 for IPv6), the transmission time is that of the frame
 * at DataRate plus InterframeGap, the frame reaches the other end after the channel's delay,
 * one packet is on the wire at a time and the others wait in the transmit queue (TxQueue,
 * e.g. PriorityDeviceQueue), and the events are scheduled in the same order, so a
 * simulation gives the same results with either device. Captures are PPP (DLT_PPP), as with
 * PointToPointHelper.
 *
 * What it leaves out, for speed: packet copies per hop (the channel hands the frame itself
 * to the receiver; only a connected trace sink gets a copy), trace calls to no sink (each
 * trace source is tested before it is called), link up/down changes, and a
 * NetDeviceQueueInterface where nothing uses it: FabricLinkHelper aggregates one (flow
 * control for queue discs) only on nodes with a traffic-control layer and unless told not to
 * (DisableFlowControl), so the ports whose queue is the device's own have none.
 */
class FabricNetDevice : public NetDevice
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FabricNetDevice();
    ~FabricNetDevice() override;

    /**
     * \brief Attach the device to its wire.
     * \param channel the channel
     */
    void Attach(Ptr<FabricChannel> channel);

    /// \param queue the transmit queue
    void SetQueue(Ptr<Queue<Packet>> queue);
    /// \return the transmit queue
    Ptr<Queue<Packet>> GetQueue() const;

    /// \param rate the transmission rate
    void SetDataRate(DataRate rate);
    /// \return the transmission rate
    DataRate GetDataRate() const;

    /**
     * \brief A frame arrives from the wire (the channel's event, or an MPI rank's message).
     * \param packet the frame, with its PPP header
     */
    void Receive(Ptr<Packet> packet);

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;

    /// Called by the channel when the wire fails or is repaired: runs the link-change
    /// callbacks.
    void NotifyLinkChange();
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsPointToPoint() const override;
    bool IsBridge() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Put a frame on the wire and schedule the end of its transmission.
     * \param packet the frame
     */
    void TransmitStart(Ptr<Packet> packet);
    /// The frame on the wire is sent: start the next one waiting, if any.
    void TransmitComplete();
    /**
     * \param bytes a frame's size
     * \return its transmission time at DataRate (DataRate::CalculateBytesTxTime, remembered
     *         for the last few sizes: a fabric sends few distinct sizes)
     */
    Time TxTime(uint32_t bytes);

    /// A remembered transmission time.
    struct TxTimeEntry
    {
        uint32_t bytes{0}; //!< frame size (0: empty)
        uint64_t bps{0};   //!< at this rate
        Time time;         //!< its transmission time
    };

    Ptr<Node> m_node;                        //!< the node
    Ptr<FabricChannel> m_channel;            //!< the wire
    Ptr<Queue<Packet>> m_queue;              //!< frames waiting to be sent
    Ptr<Packet> m_current;                   //!< the frame on the wire (null: idle)
    Ptr<ErrorModel> m_receiveErrorModel;     //!< loses received frames (none: no loss)
    DataRate m_rate;                         //!< transmission rate
    Time m_interframeGap;                    //!< idle time after each frame
    Mac48Address m_address;                  //!< the device's address
    Address m_peerAddress;                   //!< the other end's address (set at the first frame)
    std::array<TxTimeEntry, 4> m_txTimes;    //!< transmission times by frame size
    uint32_t m_ifIndex;                      //!< index on the node
    uint16_t m_mtu;                          //!< MTU, bytes
    NetDevice::ReceiveCallback m_rxCallback; //!< up the stack
    NetDevice::PromiscReceiveCallback m_promiscCallback; //!< promiscuous receiver

    TracedCallback<> m_linkChange;                           //!< link-change callbacks
    TracedCallback<Ptr<const Packet>> m_macTxTrace;          //!< handed to the device
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;      //!< the queue refused it
    TracedCallback<Ptr<const Packet>> m_macRxTrace;          //!< handed up the stack
    TracedCallback<Ptr<const Packet>> m_phyTxBeginTrace;     //!< transmission begins
    TracedCallback<Ptr<const Packet>> m_phyTxEndTrace;       //!< transmission ends
    TracedCallback<Ptr<const Packet>> m_phyRxEndTrace;       //!< arrival from the wire
    TracedCallback<Ptr<const Packet>> m_phyRxDropTrace;      //!< lost to the error model
    TracedCallback<Ptr<const Packet>> m_snifferTrace;        //!< pcap: sent and received
    TracedCallback<Ptr<const Packet>> m_promiscSnifferTrace; //!< pcap (promiscuous)
};

} // namespace ns3

#endif /* FABRIC_NET_DEVICE_H */
