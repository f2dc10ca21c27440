/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-timer.h"

#include "homa-header.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaTimer");

HomaTimer::HomaTimer()
{
}

void
HomaTimer::SetConfig(const Config& config)
{
    m_config = config;
}

const HomaTimer::Config&
HomaTimer::GetConfig() const
{
    return m_config;
}

void
HomaTimer::SetActions(const Actions& actions)
{
    m_actions = actions;
}

void
HomaTimer::Start()
{
    if (m_event.IsExpired())
    {
        m_event = Simulator::Schedule(m_config.tickInterval, &HomaTimer::Tick, this);
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
    if (!m_actions.tick.IsNull())
    {
        m_actions.tick();
    }
    std::vector<Ptr<HomaRpc>> rpcs = m_actions.listRpcs();
    bool live = false;
    for (const auto& rpc : rpcs)
    {
        if (rpc->GetState() != HomaRpc::DEAD)
        {
            CheckRpc(rpc);
        }
        live = live || rpc->GetState() != HomaRpc::DEAD;
    }
    if (live)
    {
        m_event = Simulator::Schedule(m_config.tickInterval, &HomaTimer::Tick, this);
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
    else if (rpc->GetState() == HomaRpc::IN_SERVICE)
    {
        quiet = true; // the application has the request
    }
    else if (rpc->GetState() == HomaRpc::INCOMING && rpc->m_in && rpc->m_in->HasAllGranted() &&
             rpc->m_in->GetGranted() < rpc->m_in->GetLength())
    {
        quiet = true; // we hold everything we granted; more grants are the scheduler's call
    }

    if (!rpc->IsClient() && rpc->GetState() == HomaRpc::OUTGOING && rpc->m_out->IsFullySent())
    {
        ++rpc->m_doneTicks;
        if (rpc->m_doneTicks >= m_config.requestAckTicks)
        {
            m_actions.needAck(rpc);
        }
    }

    if (quiet)
    {
        rpc->m_silentTicks = 0;
        return;
    }
    ++rpc->m_silentTicks;
    uint32_t silent = rpc->m_silentTicks;
    bool serverSending = !rpc->IsClient() && rpc->GetState() == HomaRpc::OUTGOING;
    if (silent >= m_config.timeoutTicks)
    {
        // A server waiting on its client (for grants or an ACK) gives up only when the
        // client's host has gone silent too: a busy client may starve a long response.
        Time heard = m_actions.lastHeard(rpc->m_peer);
        Time patience = m_config.tickInterval * m_config.timeoutTicks;
        if (!serverSending || heard == Time::Min() || Simulator::Now() - heard >= patience)
        {
            m_actions.timeout(rpc);
            return;
        }
    }
    uint32_t first = m_config.resendTicks;
    uint32_t interval = std::max<uint32_t>(1, m_config.resendInterval);
    if (silent >= first && (silent - first) % interval == 0)
    {
        RequestRetransmission(rpc);
    }
}

void
HomaTimer::RequestRetransmission(Ptr<HomaRpc> rpc)
{
    if (rpc->GetState() == HomaRpc::OUTGOING && rpc->IsClient())
    {
        // Request sent, nothing of the response yet: ask for everything.
        m_actions.resend(rpc, 0, HomaResendHeader::ALL);
        return;
    }
    if (rpc->GetState() == HomaRpc::INCOMING && rpc->m_in)
    {
        for (const auto& [offset, length] : rpc->m_in->GetGaps())
        {
            m_actions.resend(rpc, offset, length);
        }
    }
    if (!rpc->IsClient() && rpc->GetState() == HomaRpc::OUTGOING && !rpc->m_out->IsFullySent())
    {
        // The response waits for grants: probe the client. A client that still has the RPC
        // ignores NEED_ACK and grants when it can; one that forgot it answers with an ACK.
        m_actions.needAck(rpc);
    }
}

} // namespace ns3
