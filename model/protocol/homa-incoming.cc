/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The incoming path of HomaL4Protocol: what happens to each received Homa packet.

#include "homa-l4-protocol.h"
#include "homa-socket.h"

#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaIncoming");

void
HomaL4Protocol::Drop(Ptr<const Packet> p, const std::string& reason)
{
    NS_LOG_LOGIC("drop: " << reason);
    m_dropTrace(p, reason);
}

IpL4Protocol::RxStatus
HomaL4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& ip, Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << ip.GetSource() << ip.GetDestination());
    if (p->GetSize() < HomaCommonHeader::SIZE)
    {
        ++m_metrics.shortPackets;
        Drop(p, "shorter than the common header");
        return IpL4Protocol::RX_OK;
    }
    HomaCommonHeader common;
    p->PeekHeader(common);
    uint8_t type = common.GetType();
    uint32_t headerSize = HomaCommonHeader::HeaderSize(type);
    if (headerSize == 0)
    {
        ++m_metrics.unknownPacketTypes;
        Drop(p, "unknown packet type");
        return IpL4Protocol::RX_OK;
    }
    if (p->GetSize() < headerSize)
    {
        ++m_metrics.shortPackets;
        Drop(p, std::string("shorter than the ") + HomaCommonHeader::TypeName(type) + " header");
        return IpL4Protocol::RX_OK;
    }
    ++m_metrics.packetsRcvd[type - HomaCommonHeader::TYPE_FIRST];
    m_rxTrace(p, ip.GetSource(), ip.GetDestination(), ip.GetTos() >> 5);
    m_peers.Get(ip.GetSource()).SetLastHeard(Simulator::Now());
    if (m_peers.GetSize() >= m_peerGcThreshold && Simulator::Now() >= m_lastPeerGc + m_tickInterval)
    {
        CollectPeers(); // many peers (perhaps forged sources): keep the table bounded
    }

    auto it = m_sockets.find(common.GetDestinationPort());
    if (it == m_sockets.end())
    {
        ++m_metrics.noSocket;
        Drop(p, "no socket on the destination port");
        // DATA for a port nobody listens on: let IP answer with ICMP port unreachable.
        return type == HomaCommonHeader::DATA ? IpL4Protocol::RX_ENDPOINT_UNREACH
                                              : IpL4Protocol::RX_OK;
    }
    Ptr<HomaSocket> socket = it->second;

    switch (type)
    {
    case HomaCommonHeader::DATA: {
        HomaDataHeader h;
        p->RemoveHeader(h);
        if (h.IsSegmented() && p->GetSize() > 0)
        {
            // A multi-segment (GSO) packet that reached us whole: one DATA per segment,
            // each with its own offset, as Linux's receive path sees them after GRO.
            for (auto& [offset, segment] : HomaDataHeader::SplitSegments(p, h.GetOffset()))
            {
                HomaDataHeader one = h;
                one.SetOffset(offset);
                HandleData(socket, segment, one, ip);
            }
            break;
        }
        HandleData(socket, p, h, ip);
        break;
    }
    case HomaCommonHeader::CUTOFFS: {
        HomaCutoffsHeader h;
        p->RemoveHeader(h);
        m_peers.Get(ip.GetSource()).SetCutoffs(h.GetCutoffs(), h.GetCutoffVersion());
        break;
    }
    case HomaCommonHeader::FREEZE:
        break; // debugging aid of the Linux module; nothing to freeze here
    default:
        HandleControl(socket, p, common, ip);
        break;
    }
    return IpL4Protocol::RX_OK;
}

IpL4Protocol::RxStatus
HomaL4Protocol::Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> interface)
{
    ++m_metrics.malformedPackets;
    Drop(p, "IPv6 is not supported");
    return IpL4Protocol::RX_OK;
}

void
HomaL4Protocol::HandleData(Ptr<HomaSocket> socket,
                           Ptr<Packet> p,
                           const HomaDataHeader& h,
                           const Ipv4Header& ip)
{
    Ipv4Address src = ip.GetSource();
    uint32_t length = h.GetMessageLength();
    uint32_t offset = h.GetOffset();
    if (length == 0 || length > m_maxMessageLength || p->GetSize() == 0 || offset >= length ||
        p->GetSize() > length - offset || h.GetSenderId() == 0)
    {
        ++m_metrics.malformedPackets;
        Drop(p, "DATA with inconsistent length, offset or id");
        return;
    }
    if (h.GetAck().clientId != 0)
    {
        ProcessAcks(src, {h.GetAck()});
    }

    uint64_t localId = h.GetSenderId() ^ 1;
    Ptr<HomaRpc> rpc;
    if (localId & 1)
    {
        rpc = socket->FindServerRpc(src, localId);
        if (!rpc)
        {
            rpc = socket->CreateServerRpc(src, h.GetSourcePort(), localId, ip.GetDestination());
            StartTimer();
        }
    }
    else
    {
        rpc = socket->FindClientRpc(localId);
        if (!rpc)
        {
            ++m_metrics.unknownRpcs;
            Drop(p, "DATA for an unknown client RPC");
            return;
        }
    }

    if (h.GetCutoffVersion() != m_cutoffVersion)
    {
        SendCutoffs(rpc);
    }
    rpc->m_silentTicks = 0;
    if (!rpc->IsClient() && h.GetWindow() != 0)
    {
        rpc->m_incastLimit = h.GetWindow(); // a marked request (incast optimization)
    }

    if (rpc->IsClient() && rpc->GetState() == HomaRpc::OUTGOING)
    {
        rpc->ResponseStarted();
    }
    if (rpc->GetState() != HomaRpc::INCOMING)
    {
        ++m_metrics.packetDiscards;
        Drop(p, "DATA for a message already complete");
        return;
    }
    if (!rpc->m_in)
    {
        rpc->m_in = std::make_unique<HomaInboundMessage>(length, h.GetIncoming());
        rpc->m_inStart = Simulator::Now();
        rpc->m_inSequence = m_inSequence++;
    }
    else if (rpc->m_in->GetLength() != length)
    {
        // The packets so far and this one disagree on the message's length, so one of them
        // did not come from the real sender (a forged or stale packet). Keeping the first
        // length (as Linux does) can stall the RPC for ever: the real sender's packets would
        // be dropped, or not fit, at every retransmission. Instead the partial message is
        // discarded and reception restarts at this packet's length; the sender's
        // retransmissions (RESEND) fill it, and a bogus length is replaced again by the next
        // real packet.
        ++m_metrics.messageRestarts;
        NS_LOG_LOGIC("DATA length " << length << " differs from " << rpc->m_in->GetLength()
                                    << ": reception of RPC " << rpc->m_id << " restarts");
        bool listed = m_grants.IsListed(rpc);
        m_grants.Remove(rpc);
        rpc->m_in = std::make_unique<HomaInboundMessage>(length, h.GetIncoming());
        rpc->m_inStart = Simulator::Now();
        if (listed)
        {
            UpdateGrants(); // the bytes granted to the discarded message are free again
        }
    }
    HomaInboundMessage& in = *rpc->m_in;
    in.SetGranted(h.GetIncoming());
    switch (in.Add(offset, p))
    {
    case HomaInboundMessage::DUPLICATE:
        ++m_metrics.packetDiscards;
        Drop(p, "DATA holding no byte still missing");
        return;
    case HomaInboundMessage::INVALID:
        ++m_metrics.malformedPackets;
        Drop(p, "DATA outside the message");
        return;
    case HomaInboundMessage::ADDED:
        break;
    }

    if (in.IsComplete())
    {
        CompleteInbound(rpc);
    }
    else if (m_grants.IsListed(rpc) || in.GetGranted() < in.GetLength())
    {
        m_grants.Add(rpc);
        UpdateGrants();
    }
}

void
HomaL4Protocol::CompleteInbound(Ptr<HomaRpc> rpc)
{
    NS_LOG_FUNCTION(this << rpc->m_id);
    m_grants.Remove(rpc);
    // A finished message frees its sender's slot: others from that host may now be granted.
    UpdateGrants();
    Ptr<Packet> message = rpc->m_in->Assemble();
    HomaSocket* socket = rpc->m_socket;

    HomaMessageRecord record;
    record.rpcId = rpc->GetClientId();
    record.isRequest = !rpc->IsClient();
    record.length = message->GetSize();
    record.source = rpc->m_peer;
    record.sourcePort = rpc->m_peerPort;
    record.destination = rpc->m_local;
    record.destinationPort = socket->GetPort();
    record.start = rpc->m_inStart;
    record.end = Simulator::Now();
    m_metrics.receivedMsgBytes += message->GetSize();
    rpc->m_in.reset();

    InetSocketAddress peer(rpc->m_peer, rpc->m_peerPort);
    if (rpc->IsClient())
    {
        ++m_metrics.clientResponsesDone;
        AckClientRpc(rpc);
        EndRpc(rpc);
    }
    else
    {
        ++m_metrics.serverRequestsDone;
        rpc->RequestDelivered();
    }
    m_msgEndTrace(record);
    socket->Deliver(message, rpc->m_id, peer, HomaRpcError::NONE);
}

void
HomaL4Protocol::HandleControl(Ptr<HomaSocket> socket,
                              Ptr<Packet> p,
                              const HomaCommonHeader& common,
                              const Ipv4Header& ip)
{
    Ipv4Address src = ip.GetSource();
    uint8_t type = common.GetType();
    uint64_t localId = common.GetSenderId() ^ 1;

    if (type == HomaCommonHeader::ACK)
    {
        HomaAckHeader h;
        p->RemoveHeader(h);
        if (h.GetNumAcks() > HomaAckHeader::MAX_ACKS)
        {
            ++m_metrics.malformedPackets;
            Drop(p, "ACK with more than 5 acks");
            return;
        }
        std::vector<HomaAck> acks = h.GetAcks();
        acks.push_back(HomaAck{common.GetSenderId(), common.GetDestinationPort()});
        ProcessAcks(src, acks);
        return;
    }
    if (type == HomaCommonHeader::NEED_ACK)
    {
        Ptr<HomaRpc> rpc = (localId & 1) ? nullptr : socket->FindClientRpc(localId);
        if (rpc)
        {
            return; // still waiting for (part of) the response: the timer asks for it
        }
        HomaAckHeader ack;
        ack.SetSourcePort(socket->GetPort());
        ack.SetDestinationPort(common.GetSourcePort());
        ack.SetSenderId(localId);
        for (const HomaAck& a : m_peers.Get(src).TakeAcks())
        {
            ack.AddAck(a);
        }
        SendControl(ack, ip.GetDestination(), src);
        return;
    }

    Ptr<HomaRpc> rpc =
        (localId & 1) ? socket->FindServerRpc(src, localId) : socket->FindClientRpc(localId);
    if (!rpc)
    {
        ++m_metrics.unknownRpcs;
        Drop(p, std::string(HomaCommonHeader::TypeName(type)) + " for an unknown RPC");
        if (type == HomaCommonHeader::RESEND)
        {
            HomaCommonHeader unknown;
            unknown.SetType(HomaCommonHeader::RPC_UNKNOWN);
            unknown.SetSourcePort(socket->GetPort());
            unknown.SetDestinationPort(common.GetSourcePort());
            unknown.SetSenderId(localId);
            SendControl(unknown, ip.GetDestination(), src);
        }
        return;
    }
    if (type == HomaCommonHeader::GRANT || type == HomaCommonHeader::BUSY)
    {
        // Only these (and DATA) show that the peer is working on the RPC (Linux,
        // homa_dispatch_pkts). A RESEND does not: a client asking again and again for a
        // response must not keep a server that lacks part of the request from asking for it.
        rpc->m_silentTicks = 0;
    }

    switch (type)
    {
    case HomaCommonHeader::GRANT: {
        HomaGrantHeader h;
        p->RemoveHeader(h);
        if (!rpc->m_out)
        {
            break; // nothing of ours to grant (e.g. a late grant for a finished message)
        }
        rpc->m_out->SetSchedPriority(std::min<uint8_t>(h.GetPriority(), m_numPriorities - 1));
        if (m_unschedFromRtt && rpc->m_out->GetGranted() == rpc->m_out->GetUnscheduled())
        {
            // The message's first GRANT: one round trip since it was handed to us.
            m_peers.Get(rpc->m_peer).AddRttSample(Simulator::Now() - rpc->m_outStart);
        }
        if (rpc->m_out->Grant(h.GetOffset()))
        {
            m_pacer.Add(rpc);
            m_pacer.Kick();
        }
        break;
    }
    case HomaCommonHeader::RESEND: {
        HomaResendHeader h;
        p->RemoveHeader(h);
        HandleResend(rpc, h);
        break;
    }
    case HomaCommonHeader::RPC_UNKNOWN:
        if (rpc->IsClient() && rpc->m_out && !rpc->m_in && rpc->m_out->GetNextOffset() > 0)
        {
            // The server has no state for a request whose response has not started: as
            // Linux (homa_rpc_unknown_pkt), retransmit everything sent so far at the
            // message's unscheduled priority; the retransmissions tell the server, in their
            // incoming field, how much is granted. Grants already received stay valid.
            ++m_metrics.rpcRestarts;
            HomaOutboundMessage& out = *rpc->m_out;
            HomaPeer& peer = m_peers.Get(rpc->m_peer);
            out.QueueRetransmit(0,
                                out.GetNextOffset(),
                                peer.UnscheduledPriority(out.GetLength(), m_numPriorities));
            m_pacer.Add(rpc);
            m_pacer.Kick();
        }
        else if (rpc->IsClient() && rpc->m_out)
        {
            // The server forgot the RPC while its response was arriving (Linux logs this and
            // drops the RPC_UNKNOWN, leaving the RPC to time out): send the request again
            // from the start instead, so that the RPC can still complete.
            ++m_metrics.rpcRestarts;
            if (m_grants.IsListed(rpc))
            {
                m_grants.Remove(rpc);
                UpdateGrants();
            }
            rpc->m_in.reset();
            rpc->Restart();
            rpc->m_out->Restart();
            m_pacer.Add(rpc);
            m_pacer.Kick();
        }
        else if (!rpc->IsClient())
        {
            EndRpc(rpc); // the client forgot the RPC
        }
        break;
    case HomaCommonHeader::BUSY:
    default:
        break; // liveness only
    }
}

void
HomaL4Protocol::HandleResend(Ptr<HomaRpc> rpc, const HomaResendHeader& h)
{
    bool haveMessage = rpc->m_out && (rpc->IsClient() || rpc->GetState() == HomaRpc::OUTGOING);
    HomaCommonHeader busy;
    busy.SetType(HomaCommonHeader::BUSY);
    FillCommon(rpc, busy);
    if (!haveMessage)
    {
        SendControl(busy, rpc->m_local, rpc->m_peer); // the response does not exist yet
        return;
    }
    HomaOutboundMessage& out = *rpc->m_out;
    uint64_t end =
        h.GetLength() == HomaResendHeader::ALL
            ? out.GetNextOffset()
            : std::min<uint64_t>(uint64_t(h.GetOffset()) + h.GetLength(), out.GetLength());
    if (end > out.GetGranted())
    {
        out.Grant(static_cast<uint32_t>(end)); // a GRANT must have been lost
    }
    if (h.GetOffset() >= out.GetNextOffset())
    {
        SendControl(busy, rpc->m_local, rpc->m_peer); // nothing asked for was sent yet
    }
    else
    {
        uint8_t priority = std::min<uint8_t>(h.GetPriority(), m_numPriorities - 1);
        out.QueueRetransmit(h.GetOffset(), static_cast<uint32_t>(end), priority);
    }
    m_pacer.Add(rpc);
    m_pacer.Kick();
}

void
HomaL4Protocol::ProcessAcks(Ipv4Address client, const std::vector<HomaAck>& acks)
{
    for (const HomaAck& ack : acks)
    {
        auto it = m_sockets.find(ack.serverPort);
        if (it == m_sockets.end())
        {
            continue;
        }
        Ptr<HomaRpc> rpc = it->second->FindServerRpc(client, ack.clientId | 1);
        if (rpc && rpc->GetState() == HomaRpc::OUTGOING)
        {
            EndRpc(rpc);
        }
    }
}

} // namespace ns3
