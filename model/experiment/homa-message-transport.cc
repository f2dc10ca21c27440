/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-message-transport.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/homa-app-helper.h"
#include "ns3/homa-header.h"
#include "ns3/homa-socket-factory.h"
#include "ns3/homa-socket.h"
#include "ns3/inet-socket-address.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaMessageTransport");

NS_OBJECT_ENSURE_REGISTERED(HomaMessageTransport);

TypeId
HomaMessageTransport::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaMessageTransport")
            .SetParent<MessageTransport>()
            .SetGroupName("Homa")
            .AddConstructor<HomaMessageTransport>()
            .AddAttribute("ServerPort",
                          "The port of every host's HomaServer.",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&HomaMessageTransport::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("ResponseSize",
                          "Bytes of each response (the message is the request).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&HomaMessageTransport::m_responseSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("PortBuffer",
                          "Each port's limit (switch ports and host NICs).",
                          QueueSizeValue(QueueSize("100000p")),
                          MakeQueueSizeAccessor(&HomaMessageTransport::m_portBuffer),
                          MakeQueueSizeChecker())
            .AddAttribute("QueueDiscs",
                          "A HomaPriorityQueueDisc on every port instead of device queues.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaMessageTransport::m_queueDiscs),
                          MakeBooleanChecker());
    return tid;
}

HomaMessageTransport::HomaMessageTransport()
    : m_port(9000),
      m_responseSize(1),
      m_portBuffer("100000p"),
      m_queueDiscs(false)
{
}

HomaMessageTransport::~HomaMessageTransport() = default;

void
HomaMessageTransport::DoDispose()
{
    m_clients.clear();
    MessageTransport::DoDispose();
}

void
HomaMessageTransport::SetHomaHelper(const HomaHelper& homa)
{
    m_homa = homa;
}

std::string
HomaMessageTransport::GetName() const
{
    return "homa";
}

void
HomaMessageTransport::ConfigureFabric(LeafSpineHelper& fabric)
{
    HomaHelper::ConfigureFabric(fabric, m_portBuffer, m_queueDiscs, m_homa.GetNicDataByLevel());
}

void
HomaMessageTransport::DoInstall(NodeContainer hosts)
{
    m_homa.Install(hosts);
    for (uint32_t h = 0; h < hosts.GetN(); ++h)
    {
        Ptr<HomaL4Protocol> homa = hosts.Get(h)->GetObject<HomaL4Protocol>();
        homa->TraceConnectWithoutContext("MsgEnd",
                                         MakeCallback(&HomaMessageTransport::MessageEnded, this));
        homa->TraceConnectWithoutContext("Rx",
                                         MakeCallback(&HomaMessageTransport::PacketReceived, this));
        Ptr<HomaSocket> s = DynamicCast<HomaSocket>(
            Socket::CreateSocket(hosts.Get(h), HomaSocketFactory::GetTypeId()));
        s->Bind();
        s->SetRecvCallback(MakeCallback(&HomaMessageTransport::DiscardResponses, this));
        m_clients.push_back(s);
    }
    HomaServerHelper servers(m_port);
    servers.SetAttribute("ResponseSize", UintegerValue(m_responseSize));
    servers.Install(hosts);
}

uint64_t
HomaMessageTransport::Send(uint32_t src, uint32_t dst, uint32_t size)
{
    uint64_t id = m_clients.at(src)->SendRequest(Create<Packet>(size),
                                                 InetSocketAddress(GetAddress(dst), m_port));
    NS_ABORT_MSG_IF(id == 0, "HomaMessageTransport: SendRequest failed (host " << src << ")");
    return id;
}

void
HomaMessageTransport::MessageEnded(const HomaMessageRecord& r)
{
    if (!r.isRequest)
    {
        return;
    }
    MessageRecord m;
    m.src = GetHost(r.source);
    m.dst = GetHost(r.destination);
    m.id = r.rpcId;
    m.size = r.length;
    m.end = r.end;
    NotifyDelivered(m);
}

void
HomaMessageTransport::PacketReceived(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t)
{
    HomaCommonHeader common;
    if (p->GetSize() > HomaDataHeader::SIZE && p->PeekHeader(common) &&
        common.GetType() == HomaCommonHeader::DATA)
    {
        NotifyReceived(p->GetSize() - HomaDataHeader::SIZE);
    }
}

void
HomaMessageTransport::DiscardResponses(Ptr<Socket> socket)
{
    HomaSocket::MessageInfo info;
    Ptr<HomaSocket> s = DynamicCast<HomaSocket>(socket);
    while (true)
    {
        s->RecvMessage(info);
        if (info.rpcId == 0)
        {
            break;
        }
        m_failed += info.error != HomaRpcError::NONE ? 1 : 0;
    }
}

uint64_t
HomaMessageTransport::GetFailed() const
{
    return m_failed;
}

uint64_t
HomaMessageTransport::GetRetransmitted() const
{
    uint64_t resent = 0;
    for (const Ptr<HomaSocket>& s : m_clients)
    {
        Ptr<HomaL4Protocol> homa = s->GetNode()->GetObject<HomaL4Protocol>();
        resent += homa ? homa->GetMetrics().resentPackets : 0;
    }
    return resent;
}

} // namespace ns3
