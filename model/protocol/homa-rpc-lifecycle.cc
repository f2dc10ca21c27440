/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The lives of RPCs in HomaL4Protocol: a message started (StartMessage), an RPC ended
// (EndRpc) or aborted (AbortClientRpc: by its timer, TimeoutRpc, or by ICMP, ReceiveIcmp).

#include "homa-l4-protocol.h"
#include "homa-socket.h"

#include "ns3/icmpv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaRpcLifecycle");

void
HomaL4Protocol::StartMessage(Ptr<HomaRpc> rpc, Ptr<const Packet> message, uint32_t mtu)
{
    NS_ABORT_MSG_IF(mtu <= HomaWire::IPV4_HEADER + HomaWire::DATA_HEADER,
                    "MTU " << mtu << " is too small for Homa's 56-byte DATA header");
    Ptr<Packet> copy = message->Copy();
    copy->RemoveAllPacketTags();
    uint32_t unsched = GetUnschedBytesFor(rpc->m_peer);
    bool wholePackets = m_unschedWholePackets;
    if (rpc->IsClient())
    {
        ++m_metrics.clientRequestsStarted;
        // The incast optimization (paper section 3.6): with many RPCs outstanding, ask the
        // server for a response that is mostly scheduled.
        if (m_incastThreshold != 0 && m_clientRpcsActive >= m_incastThreshold)
        {
            rpc->m_incastLimit = m_incastUnschedBytes;
            ++m_metrics.incastMarked;
        }
        ++m_clientRpcsActive;
    }
    else
    {
        ++m_metrics.serverResponsesStarted;
        if (rpc->m_incastLimit != 0 && rpc->m_incastLimit < unsched)
        {
            unsched = rpc->m_incastLimit; // cut exactly there, whatever UnschedWholePackets
            wholePackets = false;
            ++m_metrics.incastLimited;
        }
    }
    rpc->m_out = std::make_unique<HomaOutboundMessage>(copy,
                                                       HomaWire::MaxPayload(mtu),
                                                       unsched,
                                                       wholePackets);
    rpc->m_outStart = Simulator::Now();
    m_metrics.sentMsgBytes += copy->GetSize();

    HomaMessageRecord record;
    record.rpcId = rpc->GetClientId();
    record.isRequest = rpc->IsClient();
    record.length = copy->GetSize();
    record.source = rpc->m_local;
    record.sourcePort = rpc->m_socket->GetPort();
    record.destination = rpc->m_peer;
    record.destinationPort = rpc->m_peerPort;
    record.start = record.end = rpc->m_outStart;
    m_msgBeginTrace(record);

    m_pacer.Add(rpc);
    m_pacer.KickSoon();
    StartTimer();
}

void
HomaL4Protocol::EndRpc(Ptr<HomaRpc> rpc)
{
    if (!rpc->End())
    {
        return; // ended already
    }
    NS_LOG_FUNCTION(this << rpc->m_id);
    if (rpc->IsClient())
    {
        --m_clientRpcsActive;
    }
    m_pacer.Remove(rpc);
    bool receiving = rpc->m_in != nullptr;
    m_grants.Remove(rpc);
    rpc->m_socket->RemoveRpc(rpc);
    rpc->m_out.reset();
    rpc->m_in.reset();
    if (receiving)
    {
        UpdateGrants(); // its sender's slot is free
    }
}

void
HomaL4Protocol::AbortClientRpc(Ptr<HomaRpc> rpc, HomaRpcError error)
{
    HomaSocket* socket = rpc->m_socket;
    InetSocketAddress peer(rpc->m_peer, rpc->m_peerPort);
    uint64_t id = rpc->m_id;
    EndRpc(rpc);
    socket->Deliver(nullptr, id, peer, error); // the application learns why, never a silent drop
}

void
HomaL4Protocol::TimeoutRpc(Ptr<HomaRpc> rpc)
{
    NS_LOG_FUNCTION(this << rpc->m_id << HomaRpc::StateName(rpc->GetState()));
    if (rpc->IsClient())
    {
        ++m_metrics.rpcTimeouts;
        AbortClientRpc(rpc, HomaRpcError::TIMEOUT);
    }
    else
    {
        ++m_metrics.serverRpcDiscards;
        EndRpc(rpc);
    }
}

void
HomaL4Protocol::ReceiveIcmp(Ipv4Address icmpSource,
                            uint8_t icmpTtl,
                            uint8_t icmpType,
                            uint8_t icmpCode,
                            uint32_t icmpInfo,
                            Ipv4Address payloadSource,
                            Ipv4Address payloadDestination,
                            const uint8_t payload[8])
{
    NS_LOG_FUNCTION(this << icmpSource << +icmpType << +icmpCode);
    if (icmpType != Icmpv4Header::ICMPV4_DEST_UNREACH)
    {
        return;
    }
    uint16_t sport = (uint16_t(payload[0]) << 8) | payload[1];
    uint16_t dport = (uint16_t(payload[2]) << 8) | payload[3];
    auto it = m_sockets.find(sport);
    if (it == m_sockets.end())
    {
        return;
    }
    bool portUnreachable = icmpCode == Icmpv4DestinationUnreachable::ICMPV4_PORT_UNREACHABLE;
    HomaRpcError error =
        portUnreachable ? HomaRpcError::PORT_UNREACHABLE : HomaRpcError::HOST_UNREACHABLE;
    Ptr<HomaSocket> socket = it->second;
    for (const auto& rpc : socket->GetRpcs())
    {
        if (rpc->IsClient() && rpc->m_peer == payloadDestination &&
            (!portUnreachable || rpc->m_peerPort == dport))
        {
            ++m_metrics.icmpAborts;
            AbortClientRpc(rpc, error);
        }
    }
}

} // namespace ns3
