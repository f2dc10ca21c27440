/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-hash-demux.h"

#include "ns3/abort.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-socket-base.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpHashDemux");

NS_OBJECT_ENSURE_REGISTERED(TcpHashDemux);

namespace
{
/**
 * Reads a TCP socket's IPv4 endpoint. TcpSocketBase keeps it in a protected member with no
 * getter; a pointer to that member, formed in a derived class's scope, may be applied to any
 * TcpSocketBase. Never instantiated.
 */
struct EndPointOf : public TcpSocketBase
{
    /// \param socket a TCP socket \return its IPv4 endpoint (null once deallocated)
    static Ipv4EndPoint* Get(const TcpSocketBase& socket)
    {
        return socket.*(&EndPointOf::m_endPoint);
    }
};
} // namespace

TypeId
TcpHashDemux::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpHashDemux")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Homa")
                            .AddConstructor<TcpHashDemux>();
    return tid;
}

TcpHashDemux::TcpHashDemux()
    : m_fast(0),
      m_slow(0)
{
}

TcpHashDemux::~TcpHashDemux() = default;

void
TcpHashDemux::DoDispose()
{
    m_sockets.clear();
    m_tcp = nullptr;
    IpL4Protocol::DoDispose();
}

Ptr<TcpHashDemux>
TcpHashDemux::Install(Ptr<Node> node)
{
    Ptr<TcpHashDemux> demux = node->GetObject<TcpHashDemux>();
    if (demux)
    {
        return demux;
    }
    Ptr<TcpL4Protocol> tcp = node->GetObject<TcpL4Protocol>();
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_IF(!tcp || !ipv4,
                    "TcpHashDemux::Install: node " << node->GetId()
                                                   << " has no IPv4 TCP: install the internet "
                                                      "stack first");
    demux = CreateObject<TcpHashDemux>();
    demux->m_tcp = tcp;
    node->AggregateObject(demux);
    ipv4->Insert(demux); // takes IP protocol 6 from the TcpL4Protocol, which stays in place
    return demux;
}

bool
TcpHashDemux::Add(Ptr<Socket> socket)
{
    Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
    Ipv4EndPoint* ep = tcp ? EndPointOf::Get(*tcp) : nullptr;
    if (!ep || ep->GetPeerPort() == 0 || ep->GetLocalAddress() == Ipv4Address::GetAny())
    {
        return false;
    }
    m_sockets[KeyOf(*ep)] = tcp;
    return true;
}

TcpHashDemux::Key
TcpHashDemux::KeyOf(Ipv4EndPoint& ep)
{
    return Key{ep.GetLocalAddress().Get(),
               ep.GetPeerAddress().Get(),
               ep.GetLocalPort(),
               ep.GetPeerPort()};
}

uint64_t
TcpHashDemux::GetFastDeliveries() const
{
    return m_fast;
}

uint64_t
TcpHashDemux::GetSlowDeliveries() const
{
    return m_slow;
}

size_t
TcpHashDemux::GetSize() const
{
    return m_sockets.size();
}

int
TcpHashDemux::GetProtocolNumber() const
{
    return TcpL4Protocol::PROT_NUMBER;
}

IpL4Protocol::RxStatus
TcpHashDemux::Receive(Ptr<Packet> packet,
                      const Ipv4Header& header,
                      Ptr<Ipv4Interface> incomingInterface)
{
    if (!m_sockets.empty() && packet->GetSize() >= 20)
    {
        // What TcpL4Protocol::Receive reads first: the header, its checksum if enabled.
        TcpHeader tcp;
        if (Node::ChecksumEnabled())
        {
            tcp.EnableChecksums();
            tcp.InitializeChecksum(header.GetSource(),
                                   header.GetDestination(),
                                   TcpL4Protocol::PROT_NUMBER);
        }
        packet->PeekHeader(tcp);
        Key key{header.GetDestination().Get(),
                header.GetSource().Get(),
                tcp.GetDestinationPort(),
                tcp.GetSourcePort()};
        auto it = tcp.IsChecksumOk() ? m_sockets.find(key) : m_sockets.end();
        if (it != m_sockets.end())
        {
            // The endpoint Ipv4EndPointDemux::Lookup would return first: all four match,
            // receiving enabled, no other bound device.
            Ipv4EndPoint* ep = EndPointOf::Get(*it->second);
            if (ep && KeyOf(*ep) == key && ep->IsRxEnabled() &&
                (!ep->GetBoundNetDevice() ||
                 (incomingInterface && ep->GetBoundNetDevice() == incomingInterface->GetDevice())))
            {
                ++m_fast;
                ep->ForwardUp(packet, header, key.peerPort, incomingInterface);
                return IpL4Protocol::RX_OK;
            }
            m_sockets.erase(it); // closed or changed: TCP decides from now on
        }
    }
    ++m_slow;
    return m_tcp->Receive(packet, header, incomingInterface);
}

IpL4Protocol::RxStatus
TcpHashDemux::Receive(Ptr<Packet> packet,
                      const Ipv6Header& header,
                      Ptr<Ipv6Interface> incomingInterface)
{
    ++m_slow;
    return m_tcp->Receive(packet, header, incomingInterface);
}

void
TcpHashDemux::ReceiveIcmp(Ipv4Address icmpSource,
                          uint8_t icmpTtl,
                          uint8_t icmpType,
                          uint8_t icmpCode,
                          uint32_t icmpInfo,
                          Ipv4Address payloadSource,
                          Ipv4Address payloadDestination,
                          const uint8_t payload[8])
{
    m_tcp->ReceiveIcmp(icmpSource,
                       icmpTtl,
                       icmpType,
                       icmpCode,
                       icmpInfo,
                       payloadSource,
                       payloadDestination,
                       payload);
}

void
TcpHashDemux::ReceiveIcmp(Ipv6Address icmpSource,
                          uint8_t icmpTtl,
                          uint8_t icmpType,
                          uint8_t icmpCode,
                          uint32_t icmpInfo,
                          Ipv6Address payloadSource,
                          Ipv6Address payloadDestination,
                          const uint8_t payload[8])
{
    m_tcp->ReceiveIcmp(icmpSource,
                       icmpTtl,
                       icmpType,
                       icmpCode,
                       icmpInfo,
                       payloadSource,
                       payloadDestination,
                       payload);
}

void
TcpHashDemux::SetDownTarget(IpL4Protocol::DownTargetCallback)
{
    // The demultiplexer only receives; TCP sends through its own down target.
}

void
TcpHashDemux::SetDownTarget6(IpL4Protocol::DownTargetCallback6)
{
}

IpL4Protocol::DownTargetCallback
TcpHashDemux::GetDownTarget() const
{
    return m_tcp->GetDownTarget();
}

IpL4Protocol::DownTargetCallback6
TcpHashDemux::GetDownTarget6() const
{
    return m_tcp->GetDownTarget6();
}

} // namespace ns3
