/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-fabric-net-device.h"

#include "homa-fabric-channel.h"
#include "homa-header.h"

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

NS_LOG_COMPONENT_DEFINE("HomaFabricNetDevice");

NS_OBJECT_ENSURE_REGISTERED(HomaFabricNetDevice);

TypeId
HomaFabricNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaFabricNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("Homa")
            .AddConstructor<HomaFabricNetDevice>()
            .AddAttribute(
                "Mtu",
                "The MAC-level MTU (bytes): the largest packet above the PPP header.",
                UintegerValue(1500),
                MakeUintegerAccessor(&HomaFabricNetDevice::SetMtu, &HomaFabricNetDevice::GetMtu),
                MakeUintegerChecker<uint16_t>())
            .AddAttribute("DataRate",
                          "The transmission rate (bit/s).",
                          DataRateValue(DataRate("10Gbps")),
                          MakeDataRateAccessor(&HomaFabricNetDevice::m_rate),
                          MakeDataRateChecker())
            .AddAttribute("InterframeGap",
                          "Idle time after each frame (s).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&HomaFabricNetDevice::m_interframeGap),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TxQueue",
                          "The transmit queue: frames waiting for the wire.",
                          PointerValue(),
                          MakePointerAccessor(&HomaFabricNetDevice::m_queue),
                          MakePointerChecker<Queue<Packet>>())
            .AddAttribute("ReceiveErrorModel",
                          "An error model that loses received frames (as PointToPointNetDevice's).",
                          PointerValue(),
                          MakePointerAccessor(&HomaFabricNetDevice::m_receiveErrorModel),
                          MakePointerChecker<ErrorModel>())
            .AddTraceSource("MacTx",
                            "A frame was handed to the device to send (PPP header in front).",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_macTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacTxDrop",
                            "The transmit queue refused a frame, or the device has no wire.",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_macTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRx",
                            "A received frame goes up the stack (as received, PPP header in "
                            "front).",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_macRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxBegin",
                            "A frame's transmission begins.",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_phyTxBeginTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxEnd",
                            "A frame's transmission ends (the wire is free again).",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_phyTxEndTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyRxEnd",
                            "A frame arrived from the wire.",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_phyRxEndTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyRxDrop",
                            "A frame from the wire was lost to the ReceiveErrorModel.",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_phyRxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Sniffer",
                            "A frame sent or received, for captures (DLT_PPP).",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_snifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PromiscSniffer",
                            "A frame sent or received, for promiscuous captures (DLT_PPP).",
                            MakeTraceSourceAccessor(&HomaFabricNetDevice::m_promiscSnifferTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

HomaFabricNetDevice::HomaFabricNetDevice()
    : m_ifIndex(0),
      m_mtu(1500)
{
}

HomaFabricNetDevice::~HomaFabricNetDevice() = default;

void
HomaFabricNetDevice::DoDispose()
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
HomaFabricNetDevice::Attach(Ptr<HomaFabricChannel> channel)
{
    NS_ABORT_MSG_UNLESS(!m_channel, "HomaFabricNetDevice::Attach: attached already");
    m_channel = channel;
    channel->Attach(this);
}

void
HomaFabricNetDevice::SetQueue(Ptr<Queue<Packet>> queue)
{
    m_queue = queue;
}

Ptr<Queue<Packet>>
HomaFabricNetDevice::GetQueue() const
{
    return m_queue;
}

void
HomaFabricNetDevice::SetDataRate(DataRate rate)
{
    m_rate = rate;
}

DataRate
HomaFabricNetDevice::GetDataRate() const
{
    return m_rate;
}

bool
HomaFabricNetDevice::Send(Ptr<Packet> packet, const Address&, uint16_t protocolNumber)
{
    if (!m_channel || m_channel->GetNDevices() < 2 || !m_queue)
    {
        m_macTxDropTrace(packet);
        return false;
    }
    NS_ABORT_MSG_UNLESS(protocolNumber == HomaWire::ETHERTYPE_IPV4 ||
                            protocolNumber == HomaWire::ETHERTYPE_IPV6,
                        "HomaFabricNetDevice::Send: protocol 0x"
                            << std::hex << protocolNumber << " has no PPP number (IPv4, IPv6)");
    PppHeader ppp;
    ppp.SetProtocol(protocolNumber == HomaWire::ETHERTYPE_IPV4 ? HomaWire::PPP_IPV4
                                                               : HomaWire::PPP_IPV6);
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
HomaFabricNetDevice::SendFrom(Ptr<Packet> packet,
                              const Address&,
                              const Address& dest,
                              uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

void
HomaFabricNetDevice::TransmitStart(Ptr<Packet> packet)
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
    Simulator::Schedule(txTime + m_interframeGap, &HomaFabricNetDevice::TransmitComplete, this);
    m_channel->Transmit(packet, this, txTime);
}

Time
HomaFabricNetDevice::TxTime(uint32_t bytes)
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
HomaFabricNetDevice::TransmitComplete()
{
    NS_ASSERT_MSG(m_current, "HomaFabricNetDevice: transmission ended with no frame on the wire");
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
HomaFabricNetDevice::Receive(Ptr<Packet> packet)
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
    uint16_t protocol = ppp.GetProtocol() == HomaWire::PPP_IPV4   ? HomaWire::ETHERTYPE_IPV4
                        : ppp.GetProtocol() == HomaWire::PPP_IPV6 ? HomaWire::ETHERTYPE_IPV6
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
HomaFabricNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
HomaFabricNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
HomaFabricNetDevice::GetChannel() const
{
    return m_channel;
}

void
HomaFabricNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
HomaFabricNetDevice::GetAddress() const
{
    return m_address;
}

bool
HomaFabricNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
HomaFabricNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
HomaFabricNetDevice::IsLinkUp() const
{
    return m_channel != nullptr;
}

void
HomaFabricNetDevice::AddLinkChangeCallback(Callback<void>)
{
    // The link is up from Attach on and never changes.
}

bool
HomaFabricNetDevice::IsBroadcast() const
{
    return true; // as a point-to-point link: every frame reaches the one peer
}

Address
HomaFabricNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
HomaFabricNetDevice::IsMulticast() const
{
    return true;
}

Address
HomaFabricNetDevice::GetMulticast(Ipv4Address) const
{
    return Mac48Address("01:00:5e:00:00:00");
}

Address
HomaFabricNetDevice::GetMulticast(Ipv6Address) const
{
    return Mac48Address("33:33:00:00:00:00");
}

bool
HomaFabricNetDevice::IsPointToPoint() const
{
    return true;
}

bool
HomaFabricNetDevice::IsBridge() const
{
    return false;
}

Ptr<Node>
HomaFabricNetDevice::GetNode() const
{
    return m_node;
}

void
HomaFabricNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
HomaFabricNetDevice::NeedsArp() const
{
    return false;
}

void
HomaFabricNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
HomaFabricNetDevice::SetPromiscReceiveCallback(PromiscReceiveCallback cb)
{
    m_promiscCallback = cb;
}

bool
HomaFabricNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace ns3
