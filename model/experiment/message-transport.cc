/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "message-transport.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MessageTransport");

NS_OBJECT_ENSURE_REGISTERED(MessageTransport);

TypeId
MessageTransport::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MessageTransport")
            .SetParent<Object>()
            .SetGroupName("Homa")
            .AddTraceSource("Delivered",
                            "A message's last byte reached the receiving application.",
                            MakeTraceSourceAccessor(&MessageTransport::m_delivered),
                            "ns3::MessageTransport::DeliveredTracedCallback");
    return tid;
}

MessageTransport::MessageTransport() = default;

MessageTransport::~MessageTransport() = default;

void
MessageTransport::DoDispose()
{
    m_hosts = NodeContainer();
    Object::DoDispose();
}

void
MessageTransport::Install(NodeContainer hosts)
{
    NS_ABORT_MSG_IF(m_hosts.GetN() > 0, GetName() << " transport: Install called twice");
    m_hosts = hosts;
    for (uint32_t h = 0; h < hosts.GetN(); ++h)
    {
        Ptr<Ipv4> ipv4 = hosts.Get(h)->GetObject<Ipv4>();
        NS_ABORT_MSG_UNLESS(ipv4 && ipv4->GetNInterfaces() > 1,
                            "MessageTransport::Install: host "
                                << h << " has no addressed interface (install the fabric first)");
        m_addresses.push_back(ipv4->GetAddress(1, 0).GetLocal());
        m_hostOf[m_addresses.back().Get()] = h;
    }
    DoInstall(hosts);
}

void
MessageTransport::Expect(uint32_t /* src */, uint32_t /* dst */, uint32_t /* size */)
{
}

uint64_t
MessageTransport::GetBytesReceived() const
{
    return m_rxBytes;
}

uint64_t
MessageTransport::GetPacketsReceived() const
{
    return m_rxPackets;
}

uint64_t
MessageTransport::GetBacklog() const
{
    return 0;
}

uint64_t
MessageTransport::GetFailed() const
{
    return 0;
}

uint64_t
MessageTransport::GetRetransmitted() const
{
    return 0;
}

std::pair<uint64_t, uint64_t>
MessageTransport::GetConnectionsOpened() const
{
    return {0, 0};
}

NodeContainer
MessageTransport::GetHosts() const
{
    return m_hosts;
}

Ipv4Address
MessageTransport::GetAddress(uint32_t host) const
{
    return m_addresses.at(host);
}

uint32_t
MessageTransport::GetHost(Ipv4Address address) const
{
    auto it = m_hostOf.find(address.Get());
    NS_ABORT_MSG_IF(it == m_hostOf.end(), "MessageTransport: " << address << " is no host's");
    return it->second;
}

void
MessageTransport::NotifyDelivered(const MessageRecord& record)
{
    m_delivered(record);
}

void
MessageTransport::NotifyReceived(uint64_t bytes)
{
    m_rxBytes += bytes;
    ++m_rxPackets;
}

} // namespace ns3
