/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-pacer.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaPacer");

HomaPacer::HomaPacer()
    : m_linkIdle(Seconds(0))
{
}

void
HomaPacer::SetConfig(const Config& config)
{
    m_config = config;
}

const HomaPacer::Config&
HomaPacer::GetConfig() const
{
    return m_config;
}

void
HomaPacer::SetTransmitCallback(TransmitCallback cb)
{
    m_transmit = cb;
}

void
HomaPacer::Add(Ptr<HomaRpc> rpc)
{
    if (m_listed.insert(PeekPointer(rpc)).second)
    {
        m_rpcs.push_back(rpc);
    }
}

void
HomaPacer::Remove(Ptr<HomaRpc> rpc)
{
    if (m_listed.erase(PeekPointer(rpc)) > 0)
    {
        m_rpcs.erase(std::remove(m_rpcs.begin(), m_rpcs.end(), rpc), m_rpcs.end());
    }
}

Time
HomaPacer::GetBacklog() const
{
    Time now = Simulator::Now();
    return m_linkIdle > now ? m_linkIdle - now : Seconds(0);
}

void
HomaPacer::NotifyTransmit(uint32_t bytes)
{
    // Assume the link is 1 % slower than configured so that the real queue stays short.
    Time tx = m_config.rate.CalculateBytesTxTime(bytes) * 101 / 100;
    m_linkIdle = std::max(m_linkIdle, Simulator::Now()) + tx;
}

size_t
HomaPacer::GetSize() const
{
    return m_rpcs.size();
}

uint64_t
HomaPacer::GetFifoPicks() const
{
    return m_fifoPicks;
}

void
HomaPacer::Clear()
{
    m_event.Cancel();
    m_listed.clear();
    m_rpcs.clear();
}

void
HomaPacer::KickSoon()
{
    if (m_event.IsExpired() ||
        m_event.GetTs() > static_cast<uint64_t>(Simulator::Now().GetTimeStep()))
    {
        m_event.Cancel();
        m_event = Simulator::ScheduleNow(&HomaPacer::Kick, this);
    }
}

void
HomaPacer::Kick()
{
    NS_ASSERT_MSG(!m_transmit.IsNull(), "HomaPacer: no transmit callback");
    m_event.Cancel();
    while (!m_rpcs.empty() && GetBacklog() <= m_config.maxBacklog)
    {
        // SRPT: fewest bytes left to send (retransmissions included), ties by RPC id; drop
        // RPCs that have nothing ready. Every 1000 / fifoFraction picks, the oldest message
        // instead (homa_pacer_xmit: fifo_count, msgout.init_time).
        Ptr<HomaRpc> shortest;
        Ptr<HomaRpc> oldest;
        uint32_t shortestLeft = 0;
        for (size_t i = 0; i < m_rpcs.size();)
        {
            Ptr<HomaRpc> rpc = m_rpcs[i];
            if (!rpc->m_out || !rpc->m_out->HasPacketReady())
            {
                m_listed.erase(PeekPointer(rpc));
                m_rpcs[i] = m_rpcs.back();
                m_rpcs.pop_back();
                continue;
            }
            uint32_t left = rpc->m_out->GetBytesToSend();
            if (!shortest || left < shortestLeft ||
                (left == shortestLeft && rpc->GetClientId() < shortest->GetClientId()))
            {
                shortest = rpc;
                shortestLeft = left;
            }
            if (!oldest || rpc->m_outStart < oldest->m_outStart ||
                (rpc->m_outStart == oldest->m_outStart &&
                 rpc->GetClientId() < oldest->GetClientId()))
            {
                oldest = rpc;
            }
            ++i;
        }
        if (!shortest)
        {
            break;
        }
        Ptr<HomaRpc> best = shortest;
        m_fifoCount -= static_cast<int32_t>(m_config.fifoFraction);
        if (m_fifoCount <= 0)
        {
            m_fifoCount += 1000;
            best = oldest;
            ++m_fifoPicks;
        }
        m_transmit(best);
    }
    if (!m_rpcs.empty())
    {
        Time wait = std::max(GetBacklog() - m_config.maxBacklog, NanoSeconds(1));
        m_event = Simulator::Schedule(wait, &HomaPacer::Kick, this);
    }
}

} // namespace ns3
