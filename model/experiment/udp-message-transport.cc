/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "udp-message-transport.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/homa-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("UdpMessageTransport");

NS_OBJECT_ENSURE_REGISTERED(UdpMessageTransport);

TypeId
UdpMessageTransport::GetTypeId()
{
    static TypeId tid = TypeId("ns3::UdpMessageTransport")
                            .SetParent<MessageTransport>()
                            .SetGroupName("Homa")
                            .AddConstructor<UdpMessageTransport>()
                            .AddAttribute("QueueDiscs",
                                          "Queue discs on every port instead of device queues.",
                                          BooleanValue(false),
                                          MakeBooleanAccessor(&UdpMessageTransport::m_queueDiscs),
                                          MakeBooleanChecker());
    return tid;
}

UdpMessageTransport::UdpMessageTransport()
    : m_queueDiscs(false)
{
}

UdpMessageTransport::~UdpMessageTransport() = default;

void
UdpMessageTransport::DoDispose()
{
    m_sockets.clear();
    MessageTransport::DoDispose();
}

std::string
UdpMessageTransport::GetName() const
{
    return "udp";
}

void
UdpMessageTransport::ConfigureFabric(LeafSpineHelper& fabric)
{
    // The ports of Homa's runs, so that the two cost the same per packet.
    HomaHelper::ConfigureFabric(fabric, QueueSize("100000p"), m_queueDiscs);
}

void
UdpMessageTransport::DoInstall(NodeContainer hosts)
{
    for (uint32_t h = 0; h < hosts.GetN(); ++h)
    {
        Ptr<Socket> s = Socket::CreateSocket(hosts.Get(h), UdpSocketFactory::GetTypeId());
        s->SetAttribute("RcvBufSize", UintegerValue(UINT32_MAX));
        NS_ABORT_MSG_IF(s->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT)) != 0,
                        "UdpMessageTransport: cannot bind port " << PORT << " on host " << h);
        s->SetRecvCallback(MakeCallback(&UdpMessageTransport::Receive, this).Bind(h));
        m_sockets.push_back(s);
    }
}

void
UdpMessageTransport::Expect(uint32_t src, uint32_t dst, uint32_t size)
{
    m_pending[{src, dst}].push_back(size);
}

uint64_t
UdpMessageTransport::Send(uint32_t src, uint32_t dst, uint32_t size)
{
    InetSocketAddress to(GetAddress(dst), PORT);
    for (uint32_t sent = 0; sent < size; sent += PAYLOAD)
    {
        m_sockets.at(src)->SendTo(Create<Packet>(std::min(PAYLOAD, size - sent)), 0, to);
    }
    // The k-th message of the pair (from 1), as the receiver counts them.
    return ++m_sent[{src, dst}];
}

void
UdpMessageTransport::Receive(uint32_t h, Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        uint32_t src = GetHost(InetSocketAddress::ConvertFrom(from).GetIpv4());
        auto& pending = m_pending[{src, h}];
        NS_ABORT_MSG_IF(pending.empty(),
                        "UdpMessageTransport: a datagram from host "
                            << src << " to host " << h << " that no message announced (Expect)");
        NotifyReceived(p->GetSize());
        pending.front() -= p->GetSize();
        if (pending.front() == 0)
        {
            pending.pop_front();
            MessageRecord m;
            m.src = src;
            m.dst = h;
            m.id = ++m_completed[{src, h}];
            m.end = Simulator::Now();
            NotifyDelivered(m);
        }
    }
}

} // namespace ns3
