/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-timer.h"

#include "homa-l4-protocol.h"
#include "homa-socket.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaTimer");

HomaTimer::HomaTimer(HomaL4Protocol* homa)
    : m_homa(homa)
{
}

void
HomaTimer::Start()
{
    if (!m_event.IsRunning())
    {
        m_event = Simulator::Schedule(m_homa->GetTickInterval(), &HomaTimer::Tick, this);
    }
}

void
HomaTimer::Cancel()
{
    m_event.Cancel();
}

void
HomaTimer::Tick()
{
    std::vector<Ptr<HomaRpc>> rpcs = m_homa->GetAllRpcs();
    for (const auto& rpc : rpcs)
    {
        if (rpc->m_state != HomaRpc::DEAD)
        {
            CheckRpc(rpc);
        }
    }
    if (m_homa->GetNumRpcs() > 0)
    {
        m_event = Simulator::Schedule(m_homa->GetTickInterval(), &HomaTimer::Tick, this);
    }
}

void
HomaTimer::CheckRpc(Ptr<HomaRpc> rpc)
{
    // Is the RPC legitimately quiet?
    bool quiet = false;
    if (rpc->m_out && rpc->m_out->HasPacketReady())
    {
        quiet = true; // the ball is in our court
    }
    else if (rpc->m_state == HomaRpc::IN_SERVICE)
    {
        quiet = true; // the application has the request
    }
    else if (rpc->m_state == HomaRpc::INCOMING && rpc->m_in && rpc->m_in->HasAllGranted() &&
             rpc->m_in->GetGranted() < rpc->m_in->GetLength())
    {
        quiet = true; // we hold everything we granted; more grants are the scheduler's call
    }

    if (!rpc->IsClient() && rpc->m_state == HomaRpc::OUTGOING && rpc->m_out->IsFullySent())
    {
        ++rpc->m_doneTicks;
        if (rpc->m_doneTicks >= m_homa->GetRequestAckTicks())
        {
            m_homa->SendNeedAck(rpc);
        }
    }

    if (quiet)
    {
        rpc->m_silentTicks = 0;
        return;
    }
    ++rpc->m_silentTicks;
    uint32_t silent = rpc->m_silentTicks;
    bool serverSending = !rpc->IsClient() && rpc->m_state == HomaRpc::OUTGOING;
    if (silent >= m_homa->GetTimeoutTicks())
    {
        // A server waiting on its client (for grants or an ACK) gives up only when the
        // client's host has gone silent too: a busy client may starve a long response.
        Time heard = m_homa->m_peers.Get(rpc->m_peer).GetLastHeard();
        Time patience = m_homa->GetTickInterval() * m_homa->GetTimeoutTicks();
        if (!serverSending || heard == Time::Min() || Simulator::Now() - heard >= patience)
        {
            m_homa->TimeoutRpc(rpc);
            return;
        }
    }
    uint32_t first = m_homa->GetResendTicks();
    uint32_t interval = std::max<uint32_t>(1, m_homa->GetResendInterval());
    if (silent >= first && (silent - first) % interval == 0)
    {
        RequestRetransmission(rpc);
    }
}

void
HomaTimer::RequestRetransmission(Ptr<HomaRpc> rpc)
{
    if (rpc->m_state == HomaRpc::OUTGOING && rpc->IsClient())
    {
        // Request sent, nothing of the response yet: ask for everything.
        m_homa->SendResend(rpc, 0, HomaResendHeader::ALL);
        return;
    }
    if (rpc->m_state == HomaRpc::INCOMING && rpc->m_in)
    {
        for (const auto& [offset, length] : rpc->m_in->GetGaps())
        {
            m_homa->SendResend(rpc, offset, length);
        }
    }
    if (!rpc->IsClient() && rpc->m_state == HomaRpc::OUTGOING && !rpc->m_out->IsFullySent())
    {
        // The response waits for grants: probe the client. A client that still has the RPC
        // ignores NEED_ACK and grants when it can; one that forgot it answers with an ACK.
        m_homa->SendNeedAck(rpc);
    }
}

} // namespace ns3
