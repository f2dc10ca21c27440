/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-grant.h"

#include "homa-cutoffs.h"
#include "homa-l4-protocol.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaGrantScheduler");

HomaGrantScheduler::HomaGrantScheduler(HomaL4Protocol* homa)
    : m_homa(homa),
      m_numActive(0)
{
}

void
HomaGrantScheduler::Add(Ptr<HomaRpc> rpc)
{
    if (!rpc->m_inGrants)
    {
        rpc->m_inGrants = true;
        m_rpcs.push_back(rpc);
    }
}

void
HomaGrantScheduler::Remove(Ptr<HomaRpc> rpc)
{
    if (rpc->m_inGrants)
    {
        rpc->m_inGrants = false;
        m_rpcs.erase(std::remove(m_rpcs.begin(), m_rpcs.end(), rpc), m_rpcs.end());
    }
}

size_t
HomaGrantScheduler::GetSize() const
{
    return m_rpcs.size();
}

uint32_t
HomaGrantScheduler::GetNumActive() const
{
    return m_numActive;
}

void
HomaGrantScheduler::Clear()
{
    for (auto& rpc : m_rpcs)
    {
        rpc->m_inGrants = false;
    }
    m_rpcs.clear();
    m_numActive = 0;
}

uint32_t
HomaGrantScheduler::Update()
{
    if (m_rpcs.empty())
    {
        m_numActive = 0;
        return 0;
    }
    std::sort(m_rpcs.begin(), m_rpcs.end(), [](const Ptr<HomaRpc>& a, const Ptr<HomaRpc>& b) {
        uint32_t ra = a->m_in->GetBytesRemaining();
        uint32_t rb = b->m_in->GetBytesRemaining();
        return ra != rb ? ra < rb : a->m_inSequence < b->m_inSequence;
    });

    // Choose the active messages: the best message of each of the best peers.
    uint32_t maxActive = m_homa->GetMaxOvercommit();
    std::vector<Ptr<HomaRpc>> active;
    for (const auto& rpc : m_rpcs)
    {
        if (active.size() >= maxActive)
        {
            break;
        }
        bool peerTaken = std::any_of(active.begin(), active.end(), [&rpc](const Ptr<HomaRpc>& a) {
            return a->m_peer == rpc->m_peer;
        });
        if (!peerTaken)
        {
            active.push_back(rpc);
        }
    }
    m_numActive = static_cast<uint32_t>(active.size());

    int maxSched = m_homa->GetMaxSchedPriority();
    int shift = std::max(0, maxSched + 1 - static_cast<int>(active.size()));
    uint32_t window = m_homa->GetWindow();
    uint32_t increment = m_homa->GetGrantIncrement();
    for (size_t rank = 0; rank < active.size(); ++rank)
    {
        Ptr<HomaRpc> rpc = active[rank];
        HomaInboundMessage& in = *rpc->m_in;
        auto priority =
            static_cast<uint8_t>(std::max(0, maxSched - static_cast<int>(rank) - shift));
        uint32_t target = std::min(in.GetLength(), in.GetReceived() + window);
        uint32_t granted = in.GetGranted();
        bool grow = target > granted && (target - granted >= increment || target == in.GetLength());
        bool reprioritise = priority != in.GetGrantPriority() && granted > 0;
        if (grow || reprioritise)
        {
            in.SetGranted(std::max(granted, target));
            in.SetGrantPriority(priority);
            m_homa->SendGrant(rpc, in.GetGranted(), priority);
        }
    }
    // Fully granted messages need no more attention from the scheduler.
    for (size_t i = 0; i < m_rpcs.size();)
    {
        if (m_rpcs[i]->m_in->GetGranted() >= m_rpcs[i]->m_in->GetLength())
        {
            m_rpcs[i]->m_inGrants = false;
            m_rpcs.erase(m_rpcs.begin() + i);
            continue;
        }
        ++i;
    }
    return m_numActive;
}

} // namespace ns3
