/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-net-device.h"

#include "fabric-channel.h"
#include "fabric-wire.h"

#include "ns3/error-model.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricNetDevice");

NS_OBJECT_ENSURE_REGISTERED(FabricNetDevice);

TypeId
FabricNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("Fabric")
            .AddConstructor<FabricNetDevice>()
            .AddAttribute("Mtu",
                          "The MAC-level MTU (bytes): the largest packet above the PPP header.",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&FabricNetDevice::SetMtu, &FabricNetDevice::GetMtu),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("DataRate",
                          "The transmission rate (bit/s).",
                          DataRateValue(DataRate("10Gbps")),
                          MakeDataRateAccessor(&FabricNetDevice::m_rate),
                          MakeDataRateChecker())
            .AddAttribute("InterframeGap",
                          "Idle time after each frame (s).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&FabricNetDevice::m_interframeGap),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TxQueue",
                          "The transmit queue: frames waiting for the wire.",
                          PointerValue(),
                          MakePointerAccessor(&FabricNetDevice::m_queue),
                          MakePointerChecker<Queue<Packet>>())
            .AddAttribute("ReceiveErrorModel",
                          "An error model that loses received frames (as PointToPointNetDevice's).",
                          PointerValue(),
                          MakePointerAccessor(&FabricNetDevice::m_receiveErrorModel),
                          MakePointerChecker<ErrorModel>())
            .AddTraceSource("MacTx",
                            "A frame was handed to the device to send (PPP header in front).",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_macTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacTxDrop",
                            "The transmit queue refused a frame, or the device has no wire.",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_macTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRx",
                            "A received frame goes up the stack (as received, PPP header in "
                            "front).",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_macRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxBegin",
                            "A frame's transmission begins.",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_phyTxBeginTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxEnd",
                            "A frame's transmission ends (the wire is free again).",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_phyTxEndTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyRxEnd",
                            "A frame arrived from the wire.",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_phyRxEndTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyRxDrop",
                            "A frame from the wire was lost to the ReceiveErrorModel.",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_phyRxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Sniffer",
                            "A frame sent or received, for captures (DLT_PPP).",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_snifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PromiscSniffer",
                            "A frame sent or received, for promiscuous captures (DLT_PPP).",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_promiscSnifferTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

FabricNetDevice::FabricNetDevice()
    : m_ifIndex(0),
      m_mtu(1500)
{
}

FabricNetDevice::~FabricNetDevice() = default;

void
FabricNetDevice::DoDispose()
{
    m_node = nullptr;
    m_channel = nullptr;
    m_queue = nullptr;
    m_current = nullptr;
    m_receiveErrorModel = nullptr;
    m_rxCallback =
        MakeNullCallback<bool, Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&>();
    m_promiscCallback = MakeNullCallback<bool,
                                         Ptr<NetDevice>,
                                         Ptr<const Packet>,
                                         uint16_t,
                                         const Address&,
                                         const Address&,
                                         PacketType>();
    NetDevice::DoDispose();
}

void
FabricNetDevice::Attach(Ptr<FabricChannel> channel)
{
    NS_ABORT_MSG_UNLESS(!m_channel, "FabricNetDevice::Attach: attached already");
    m_channel = channel;
    channel->Attach(this);
}

void
FabricNetDevice::SetQueue(Ptr<Queue<Packet>> queue)
{
    m_queue = queue;
}

Ptr<Queue<Packet>>
FabricNetDevice::GetQueue() const
{
    return m_queue;
}

void
FabricNetDevice::SetDataRate(DataRate rate)
{
    m_rate = rate;
}

DataRate
FabricNetDevice::GetDataRate() const
{
    return m_rate;
}

bool
FabricNetDevice::Send(Ptr<Packet> packet, const Address&, uint16_t protocolNumber)
{
    if (!m_channel || m_channel->GetNDevices() < 2 || !m_queue)
    {
        m_macTxDropTrace(packet);
        return false;
    }
    NS_ABORT_MSG_UNLESS(protocolNumber == FabricWire::ETHERTYPE_IPV4 ||
                            protocolNumber == FabricWire::ETHERTYPE_IPV6,
                        "FabricNetDevice::Send: protocol 0x" << std::hex << protocolNumber
                                                             << " has no PPP number (IPv4, IPv6)");
    PppHeader ppp;
    ppp.SetProtocol(protocolNumber == FabricWire::ETHERTYPE_IPV4 ? FabricWire::PPP_IPV4
                                                                 : FabricWire::PPP_IPV6);
    packet->AddHeader(ppp);
    if (!m_macTxTrace.IsEmpty())
    {
        m_macTxTrace(packet);
    }
    if (!m_queue->Enqueue(packet))
    {
        m_macTxDropTrace(packet);
        return false;
    }
    if (!m_current)
    {
        TransmitStart(m_queue->Dequeue());
    }
    return true;
}

bool
FabricNetDevice::SendFrom(Ptr<Packet> packet,
                          const Address&,
                          const Address& dest,
                          uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

void
FabricNetDevice::TransmitStart(Ptr<Packet> packet)
{
    if (!m_snifferTrace.IsEmpty() || !m_promiscSnifferTrace.IsEmpty())
    {
        m_snifferTrace(packet);
        m_promiscSnifferTrace(packet);
    }
    if (!m_phyTxBeginTrace.IsEmpty())
    {
        m_phyTxBeginTrace(packet);
    }
    Time txTime = TxTime(packet->GetSize());
    // The events in PointToPointNetDevice's order: the end of the transmission, then the
    // arrival. The receiver takes the frame over (it strips the PPP header), so the end of
    // the transmission keeps a copy only for a PhyTxEnd sink; otherwise m_current only marks
    // the wire busy.
    m_current = m_phyTxEndTrace.IsEmpty() ? Ptr<Packet>(packet) : packet->Copy();
    Simulator::Schedule(txTime + m_interframeGap, &FabricNetDevice::TransmitComplete, this);
    m_channel->Transmit(packet, this, txTime);
}

Time
FabricNetDevice::TxTime(uint32_t bytes)
{
    TxTimeEntry& e = m_txTimes[bytes % m_txTimes.size()];
    if (e.bytes != bytes || e.bps != m_rate.GetBitRate())
    {
        e.bytes = bytes;
        e.bps = m_rate.GetBitRate();
        e.time = m_rate.CalculateBytesTxTime(bytes);
    }
    return e.time;
}

void
FabricNetDevice::TransmitComplete()
{
    NS_ASSERT_MSG(m_current, "FabricNetDevice: transmission ended with no frame on the wire");
    Ptr<Packet> sent = m_current;
    m_current = nullptr;
    if (!m_phyTxEndTrace.IsEmpty())
    {
        m_phyTxEndTrace(sent);
    }
    if (Ptr<Packet> next = m_queue->Dequeue())
    {
        TransmitStart(next);
    }
}

void
FabricNetDevice::Receive(Ptr<Packet> packet)
{
    if (m_receiveErrorModel && m_receiveErrorModel->IsCorrupt(packet))
    {
        m_phyRxDropTrace(packet);
        return;
    }
    if (!m_snifferTrace.IsEmpty() || !m_promiscSnifferTrace.IsEmpty())
    {
        m_snifferTrace(packet);
        m_promiscSnifferTrace(packet);
    }
    if (!m_phyRxEndTrace.IsEmpty())
    {
        m_phyRxEndTrace(packet);
    }
    // MacRx sinks see the frame as received.
    Ptr<Packet> frame = m_macRxTrace.IsEmpty() ? Ptr<Packet>() : packet->Copy();
    PppHeader ppp;
    packet->RemoveHeader(ppp);
    uint16_t protocol = ppp.GetProtocol() == FabricWire::PPP_IPV4   ? FabricWire::ETHERTYPE_IPV4
                        : ppp.GetProtocol() == FabricWire::PPP_IPV6 ? FabricWire::ETHERTYPE_IPV6
                                                                    : 0;
    if (m_peerAddress.IsInvalid())
    {
        m_peerAddress = m_channel->GetPeer(this)->GetAddress();
    }
    const Address& from = m_peerAddress;
    if (!m_promiscCallback.IsNull())
    {
        m_promiscCallback(this, packet, protocol, from, GetAddress(), NetDevice::PACKET_HOST);
    }
    if (frame)
    {
        m_macRxTrace(frame);
    }
    if (!m_rxCallback.IsNull())
    {
        m_rxCallback(this, packet, protocol, from);
    }
}

void
FabricNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
FabricNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
FabricNetDevice::GetChannel() const
{
    return m_channel;
}

void
FabricNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
FabricNetDevice::GetAddress() const
{
    return m_address;
}

bool
FabricNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
FabricNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
FabricNetDevice::IsLinkUp() const
{
    return m_channel != nullptr && m_channel->IsLinkUp();
}

void
FabricNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChange.ConnectWithoutContext(callback);
}

void
FabricNetDevice::NotifyLinkChange()
{
    m_linkChange();
}

bool
FabricNetDevice::IsBroadcast() const
{
    return true; // as a point-to-point link: every frame reaches the one peer
}

Address
FabricNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
FabricNetDevice::IsMulticast() const
{
    return true;
}

Address
FabricNetDevice::GetMulticast(Ipv4Address) const
{
    return Mac48Address("01:00:5e:00:00:00");
}

Address
FabricNetDevice::GetMulticast(Ipv6Address) const
{
    return Mac48Address("33:33:00:00:00:00");
}

bool
FabricNetDevice::IsPointToPoint() const
{
    return true;
}

bool
FabricNetDevice::IsBridge() const
{
    return false;
}

Ptr<Node>
FabricNetDevice::GetNode() const
{
    return m_node;
}

void
FabricNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
FabricNetDevice::NeedsArp() const
{
    return false;
}

void
FabricNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
FabricNetDevice::SetPromiscReceiveCallback(PromiscReceiveCallback cb)
{
    m_promiscCallback = cb;
}

bool
FabricNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace ns3
