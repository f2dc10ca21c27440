/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-message-trace.h"

#include "ns3/abort.h"
#include "ns3/callback.h"
#include "ns3/channel.h"
#include "ns3/homa-header.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"

#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaMessageTrace");

HomaMessageTrace::HomaMessageTrace(const std::string& fileName,
                                   uint32_t minLength,
                                   uint32_t maxLength)
    : m_out(fileName),
      m_minLength(minLength),
      m_maxLength(maxLength)
{
    NS_ABORT_MSG_IF(!m_out, "HomaMessageTrace: cannot write " << fileName);
    NS_ABORT_MSG_IF(minLength > maxLength,
                    "HomaMessageTrace: the shortest length "
                        << minLength << " is above the longest " << maxLength);
    m_out << "time_ns,node,event,type,client,rpc_id,request,offset,bytes,priority\n";
}

HomaMessageTrace::~HomaMessageTrace()
{
    m_out.flush();
}

void
HomaMessageTrace::Install(NodeContainer hosts)
{
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        Ptr<Node> node = hosts.Get(i);
        Ptr<HomaL4Protocol> homa = node->GetObject<HomaL4Protocol>();
        NS_ABORT_MSG_UNLESS(homa,
                            "HomaMessageTrace::Install: node " << node->GetId()
                                                               << " has no HomaL4Protocol");
        uint32_t id = node->GetId();
        // One callback per kind, the event's name bound with the node's id.
        for (auto [source, event] : {std::pair{"MsgBegin", "begin"}, {"MsgEnd", "end"}})
        {
            homa->TraceConnectWithoutContext(
                source,
                MakeBoundCallback(
                    +[](HomaMessageTrace* t,
                        uint32_t n,
                        const char* e,
                        const HomaMessageRecord& r) { t->Message(n, e, r); },
                    this,
                    id,
                    event));
        }
        for (auto [source, event] : {std::pair{"Tx", "tx"}, {"Rx", "rx"}})
        {
            homa->TraceConnectWithoutContext(
                source,
                MakeBoundCallback(
                    +[](HomaMessageTrace* t,
                        uint32_t n,
                        const char* e,
                        Ptr<const ns3::Packet> p,
                        Ipv4Address s,
                        Ipv4Address d,
                        uint8_t prio) { t->Packet(n, e, p, s, d, prio); },
                    this,
                    id,
                    event));
        }
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            Ptr<NetDevice> device = node->GetDevice(d);
            if (device->GetChannel())
            {
                device->TraceConnectWithoutContext(
                    "PhyTxBegin",
                    MakeBoundCallback(
                        +[](HomaMessageTrace* t, uint32_t n, Ptr<const ns3::Packet> p) {
                            t->Wire(n, p);
                        },
                        this,
                        id));
            }
        }
    }
}

void
HomaMessageTrace::Wire(uint32_t node, Ptr<const ns3::Packet> frame)
{
    Ptr<ns3::Packet> p = frame->Copy();
    PppHeader ppp;
    Ipv4Header ip;
    if (p->GetSize() < ppp.GetSerializedSize() + 20)
    {
        return;
    }
    p->RemoveHeader(ppp);
    p->RemoveHeader(ip);
    if (ip.GetProtocol() != HomaWire::PROTOCOL)
    {
        return;
    }
    Packet(node, "wire", p, ip.GetSource(), ip.GetDestination(), ip.GetTos() >> 5);
}

uint64_t
HomaMessageTrace::GetRows() const
{
    return m_rows;
}

bool
HomaMessageTrace::InRange(uint32_t length) const
{
    return length >= m_minLength && length <= m_maxLength;
}

void
HomaMessageTrace::Message(uint32_t node, const char* event, const HomaMessageRecord& record)
{
    if (!InRange(record.length))
    {
        return;
    }
    Ipv4Address client = record.isRequest ? record.source : record.destination;
    Key key{client.Get(), record.rpcId, record.isRequest};
    m_keys.insert(key);
    Row(node, event, "", key, 0, record.length, 0);
}

void
HomaMessageTrace::Packet(uint32_t node,
                         const char* event,
                         Ptr<const ns3::Packet> packet,
                         Ipv4Address source,
                         Ipv4Address destination,
                         uint8_t priority)
{
    HomaCommonHeader common;
    if (packet->GetSize() < HomaCommonHeader::SIZE)
    {
        return;
    }
    packet->PeekHeader(common);
    uint8_t type = common.GetType();
    // Client RPC ids are even; the server's is the client's plus one.
    uint64_t senderId = common.GetSenderId();
    bool fromClient = (senderId & 1) == 0;
    Ipv4Address client = fromClient ? source : destination;
    uint64_t rpcId = senderId & ~uint64_t(1);
    switch (type)
    {
    case HomaCommonHeader::DATA: {
        HomaDataHeader data;
        if (packet->GetSize() < data.GetSerializedSize())
        {
            return;
        }
        packet->PeekHeader(data);
        Key key{client.Get(), rpcId, fromClient}; // the client sends the request
        if (m_keys.count(key) == 0)
        {
            if (!InRange(data.GetMessageLength()))
            {
                return;
            }
            m_keys.insert(key);
        }
        Row(node,
            event,
            "DATA",
            key,
            data.GetOffset(),
            packet->GetSize() - data.GetSerializedSize(),
            priority);
        return;
    }
    case HomaCommonHeader::GRANT: {
        HomaGrantHeader grant;
        if (packet->GetSize() < grant.GetSerializedSize())
        {
            return;
        }
        packet->PeekHeader(grant);
        Key key{client.Get(), rpcId, !fromClient}; // a grant is for the other side's message
        if (m_keys.count(key))
        {
            Row(node, event, "GRANT", key, grant.GetOffset(), 0, grant.GetPriority());
        }
        return;
    }
    case HomaCommonHeader::RESEND: {
        HomaResendHeader resend;
        if (packet->GetSize() < resend.GetSerializedSize())
        {
            return;
        }
        packet->PeekHeader(resend);
        Key key{client.Get(), rpcId, !fromClient};
        if (m_keys.count(key))
        {
            Row(node,
                event,
                "RESEND",
                key,
                resend.GetOffset(),
                resend.GetLength(),
                resend.GetPriority());
        }
        return;
    }
    case HomaCommonHeader::BUSY: {
        Key key{client.Get(), rpcId, fromClient}; // the sender of the message is busy
        if (m_keys.count(key))
        {
            Row(node, event, "BUSY", key, 0, 0, priority);
        }
        return;
    }
    default:
        return;
    }
}

void
HomaMessageTrace::Row(uint32_t node,
                      const char* event,
                      const char* type,
                      const Key& key,
                      uint32_t offset,
                      uint32_t bytes,
                      uint32_t priority)
{
    m_out << Simulator::Now().GetNanoSeconds() << ',' << node << ',' << event << ',' << type << ','
          << Ipv4Address(std::get<0>(key)) << ',' << std::get<1>(key) << ','
          << (std::get<2>(key) ? 1 : 0) << ',' << offset << ',' << bytes << ',' << priority << '\n';
    ++m_rows;
}

} // namespace ns3
