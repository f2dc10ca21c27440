/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The outgoing path of HomaL4Protocol: building Homa packets and handing them to IP.

#include "homa-l4-protocol.h"
#include "homa-socket.h"

#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaOutgoing");

void
HomaL4Protocol::SendDown(Ptr<Packet> p,
                         Ipv4Address source,
                         Ipv4Address destination,
                         uint8_t priority)
{
    // Homa's priority travels in the top three bits of the IPv4 TOS byte.
    SocketIpTosTag tos;
    tos.SetTos(static_cast<uint8_t>(priority << HomaWire::PRIORITY_SHIFT));
    p->ReplacePacketTag(tos);
    uint32_t ipBytes = p->GetSize() + HomaWire::IPV4_HEADER;
    ResolveLinkRate();
    ++m_metrics.priorityPackets[priority];
    m_metrics.priorityBytes[priority] += ipBytes;
    m_pacer.NotifyTransmit(ipBytes);
    m_txTrace(p, source, destination, priority);
    // With CacheRoutes, hand IP the peer's route so it skips a lookup per packet.
    Ptr<Ipv4Route> route;
    Ipv4Address routeSource;
    uint32_t mtu;
    if (m_cacheRoutes && LookupRoute(destination, routeSource, mtu) && routeSource == source)
    {
        route = m_peers.Get(destination).GetRoute();
    }
    m_downTarget(p, source, destination, PROT_NUMBER, route);
}

void
HomaL4Protocol::FillCommon(Ptr<HomaRpc> rpc, HomaCommonHeader& h) const
{
    h.SetSourcePort(rpc->m_socket->GetPort());
    h.SetDestinationPort(rpc->m_peerPort);
    h.SetSenderId(rpc->m_id);
}

bool
HomaL4Protocol::ChecksumsEnabled()
{
    if (m_checksums < 0)
    {
        m_checksums = Node::ChecksumEnabled() ? 1 : 0;
    }
    return m_checksums == 1;
}

void
HomaL4Protocol::SendControl(HomaCommonHeader& header, Ipv4Address source, Ipv4Address destination)
{
    if (ChecksumsEnabled())
    {
        header.EnableChecksum(source, destination);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(header);
    ++m_metrics.packetsSent[header.GetType() - HomaCommonHeader::TYPE_FIRST];
    SendDown(p, source, destination, m_numPriorities - 1);
}

void
HomaL4Protocol::TransmitData(Ptr<HomaRpc> rpc)
{
    HomaOutboundMessage& out = *rpc->m_out;
    HomaOutboundMessage::NextPacket next = out.TakeNextPacket();
    HomaPeer& peer = m_peers.Get(rpc->m_peer);

    HomaDataHeader h;
    FillCommon(rpc, h);
    h.SetMessageLength(out.GetLength());
    // As Linux: the unscheduled bytes on a first transmission (homa_tx_data_pkt_alloc), the
    // end of the range asked for on a retransmission (homa_resend_data).
    h.SetIncoming(next.retransmit ? std::max(next.rangeEnd, next.offset + next.size)
                                  : out.GetUnscheduled());
    // Acks ride on every DATA packet to the peer, requests and responses alike
    // (homa_peer_get_acks in homa_tx_data_pkt_alloc).
    h.SetAck(peer.TakeAck());
    h.SetCutoffVersion(peer.GetCutoffVersion());
    h.SetRetransmit(next.retransmit);
    h.SetOffset(next.offset);
    if (rpc->IsClient())
    {
        h.SetWindow(rpc->m_incastLimit); // the incast mark, on every packet of the request
    }
    if (ChecksumsEnabled())
    {
        h.EnableChecksum(rpc->m_local, rpc->m_peer);
    }

    uint8_t priority;
    if (next.retransmit)
    {
        priority = next.priority;
        ++m_metrics.resentPackets;
    }
    else if (next.offset < out.GetUnscheduled())
    {
        // Before the receiver's CUTOFFS arrive: the Linux default (level 6), or, with
        // AssumePeerCutoffs, this host's own cutoffs (all hosts configured alike).
        // Linux compares the message length with the cutoffs; the paper's simulator, the
        // bytes the message has left (UnschedPriorityBy).
        uint32_t key =
            m_unschedPriorityBy == BY_REMAINING ? out.GetLength() - next.offset : out.GetLength();
        priority = m_assumePeerCutoffs && peer.GetCutoffVersion() == 0
                       ? HomaCutoffs::UnscheduledPriority(m_cutoffs, key, m_numPriorities)
                       : peer.UnscheduledPriority(key, m_numPriorities);
    }
    else
    {
        priority = out.GetSchedPriority();
    }
    NS_LOG_LOGIC("DATA id=" << rpc->m_id << " off=" << next.offset << " size=" << next.size
                            << " prio=" << +priority);

    Ptr<Packet> p = out.GetFragment(next.offset, next.size);
    p->AddHeader(h);
    ++m_metrics.packetsSent[HomaCommonHeader::DATA - HomaCommonHeader::TYPE_FIRST];
    SendDown(p, rpc->m_local, rpc->m_peer, priority);
}

void
HomaL4Protocol::SendGrant(Ptr<HomaRpc> rpc, uint32_t offset, uint8_t priority)
{
    HomaGrantHeader g;
    FillCommon(rpc, g);
    g.SetOffset(offset);
    g.SetPriority(priority);
    m_grantTrace(rpc->m_peer, rpc->GetClientId(), offset, priority);
    SendControl(g, rpc->m_local, rpc->m_peer);
}

void
HomaL4Protocol::SendResend(Ptr<HomaRpc> rpc, uint32_t offset, uint32_t length)
{
    HomaResendHeader r;
    FillCommon(rpc, r);
    r.SetOffset(offset);
    r.SetLength(length);
    r.SetPriority(m_numPriorities - 1);
    m_resendTrace(rpc->m_peer, rpc->GetClientId(), offset, length);
    SendControl(r, rpc->m_local, rpc->m_peer);
}

void
HomaL4Protocol::SendNeedAck(Ptr<HomaRpc> rpc)
{
    HomaCommonHeader h;
    h.SetType(HomaCommonHeader::NEED_ACK);
    FillCommon(rpc, h);
    SendControl(h, rpc->m_local, rpc->m_peer);
}

void
HomaL4Protocol::SendCutoffs(Ptr<HomaRpc> rpc)
{
    HomaPeer& peer = m_peers.Get(rpc->m_peer);
    Time now = Simulator::Now();
    if (peer.GetLastCutoffsSent() != Time::Min() &&
        now - peer.GetLastCutoffsSent() < m_tickInterval)
    {
        return;
    }
    peer.SetLastCutoffsSent(now);
    // Sent for the RPC whose DATA carried stale cutoffs, with its id (Linux homa_xmit_control).
    HomaCutoffsHeader c;
    FillCommon(rpc, c);
    // Entry 0 as configured: 0 by default, as Linux sends it with its default cutoffs
    // (homa_init; homa_prios_changed makes it INT_MAX once the sysctl is written). Both
    // sides treat it as infinite.
    c.SetCutoffs(m_cutoffs);
    c.SetCutoffVersion(m_cutoffVersion);
    SendControl(c, rpc->m_local, rpc->m_peer);
}

void
HomaL4Protocol::AckClientRpc(Ptr<HomaRpc> rpc)
{
    HomaPeer& peer = m_peers.Get(rpc->m_peer);
    if (peer.GetPendingAcks() < HomaAckHeader::MAX_ACKS)
    {
        peer.AddAck(HomaAck{rpc->m_id, rpc->m_peerPort});
        return;
    }
    // The list is full: acknowledge this RPC and the stored ones right away.
    HomaAckHeader ack;
    FillCommon(rpc, ack);
    for (const HomaAck& a : peer.TakeAcks())
    {
        ack.AddAck(a);
    }
    SendControl(ack, rpc->m_local, rpc->m_peer);
}

} // namespace ns3
