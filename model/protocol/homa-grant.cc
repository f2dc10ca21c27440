/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-grant.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaGrantScheduler");

HomaGrantScheduler::HomaGrantScheduler()
    : m_numActive(0),
      m_window(0),
      m_totalAfterUpdate(0)
{
}

void
HomaGrantScheduler::SetConfig(const Config& config)
{
    m_config = config;
    // homa_grant_update_sysctl_deps: the time to send fifo_grant_increment bytes at
    // grant_fifo_fraction (at most 500 per mille) of the link rate.
    uint32_t fraction = std::min<uint32_t>(m_config.fifoFraction, 500);
    m_config.fifoFraction = fraction;
    uint64_t fifoBps = m_config.linkRate.GetBitRate() * fraction / 1000;
    m_fifoInterval = fifoBps > 0 && m_config.fifoIncrement > 0
                         ? NanoSeconds(uint64_t(m_config.fifoIncrement) * 8 * 1000000000 / fifoBps)
                         : Seconds(1);
}

const HomaGrantScheduler::Config&
HomaGrantScheduler::GetConfig() const
{
    return m_config;
}

void
HomaGrantScheduler::SetSendGrantCallback(SendGrantCallback cb)
{
    m_sendGrant = cb;
}

void
HomaGrantScheduler::Add(Ptr<HomaRpc> rpc)
{
    if (m_listed.insert(PeekPointer(rpc)).second)
    {
        m_rpcs.push_back(rpc);
    }
}

void
HomaGrantScheduler::Remove(Ptr<HomaRpc> rpc)
{
    if (m_fifoRpc == rpc)
    {
        m_fifoRpc = nullptr;
    }
    if (m_listed.erase(PeekPointer(rpc)) > 0)
    {
        m_rpcs.erase(std::remove(m_rpcs.begin(), m_rpcs.end(), rpc), m_rpcs.end());
    }
}

bool
HomaGrantScheduler::IsListed(Ptr<const HomaRpc> rpc) const
{
    return m_listed.count(PeekPointer(rpc)) > 0;
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

uint32_t
HomaGrantScheduler::GetWindow() const
{
    return m_window;
}

uint32_t
HomaGrantScheduler::Incoming(const HomaInboundMessage& in)
{
    return in.GetGranted() > in.GetReceived() ? in.GetGranted() - in.GetReceived() : 0;
}

uint64_t
HomaGrantScheduler::GetTotalIncomingAfterUpdate() const
{
    return m_totalAfterUpdate;
}

uint64_t
HomaGrantScheduler::GetTotalIncoming() const
{
    uint64_t total = 0;
    for (const auto& rpc : m_rpcs)
    {
        total += Incoming(*rpc->m_in);
    }
    return total;
}

void
HomaGrantScheduler::Clear()
{
    m_listed.clear();
    m_rpcs.clear();
    m_fifoRpc = nullptr;
    m_numActive = 0;
    m_totalAfterUpdate = 0;
}

Time
HomaGrantScheduler::GetFifoInterval() const
{
    return m_fifoInterval;
}

uint64_t
HomaGrantScheduler::GetFifoGrantBytes() const
{
    return m_fifoGrantBytes;
}

bool
HomaGrantScheduler::FifoEligible(const HomaInboundMessage& in) const
{
    // homa_grant_find_oldest: not fully granted, and not already holding far more than a
    // window (a sender that does not answer FIFO grants is passed over).
    return in.GetGranted() < in.GetLength() &&
           Incoming(in) < uint64_t(m_window) + 2 * uint64_t(m_config.fifoIncrement);
}

uint64_t
HomaGrantScheduler::CheckFifo()
{
    // homa_grant_check_fifo, run after a grant was sent (homa_grant_try_send).
    Time now = Simulator::Now();
    if (now < m_fifoNext)
    {
        return 0;
    }
    m_fifoNext = now + m_fifoInterval;
    if (m_config.fifoFraction == 0 || m_config.fifoIncrement == 0)
    {
        return 0;
    }
    // The oldest message keeps the FIFO grants while it stays eligible; else the oldest
    // eligible one (by arrival of its first packet) takes them.
    if (m_fifoRpc && !FifoEligible(*m_fifoRpc->m_in))
    {
        m_fifoRpc = nullptr;
    }
    if (!m_fifoRpc)
    {
        for (const auto& rpc : m_rpcs)
        {
            if (FifoEligible(*rpc->m_in) &&
                (!m_fifoRpc || rpc->m_inSequence < m_fifoRpc->m_inSequence))
            {
                m_fifoRpc = rpc;
            }
        }
        if (!m_fifoRpc)
        {
            return 0;
        }
    }
    HomaInboundMessage& in = *m_fifoRpc->m_in;
    uint32_t granted = in.GetGranted();
    auto target = static_cast<uint32_t>(
        std::min<uint64_t>(in.GetLength(), uint64_t(granted) + m_config.fifoIncrement));
    // homa_high_priority: the next-to-highest level (level 0 with two levels or fewer).
    auto priority =
        static_cast<uint8_t>(m_config.numPriorities <= 2 ? 0 : m_config.numPriorities - 2);
    in.SetGranted(target);
    in.SetGrantPriority(priority);
    in.RecordGrant(granted, target, priority);
    m_fifoGrantBytes += target - granted;
    NS_LOG_LOGIC("FIFO grant to " << m_fifoRpc->m_peer << " up to " << target);
    if (!m_sendGrant.IsNull())
    {
        m_sendGrant(m_fifoRpc, target, priority);
    }
    return target - granted;
}

uint32_t
HomaGrantScheduler::Update()
{
    if (m_rpcs.empty())
    {
        m_numActive = 0;
        m_totalAfterUpdate = 0;
        return 0;
    }
    std::sort(m_rpcs.begin(), m_rpcs.end(), [](const Ptr<HomaRpc>& a, const Ptr<HomaRpc>& b) {
        uint32_t ra = a->m_in->GetBytesRemaining();
        uint32_t rb = b->m_in->GetBytesRemaining();
        return ra != rb ? ra < rb : a->m_inSequence < b->m_inSequence;
    });

    // Choose the active messages: the best message of each of the best peers; then, unless
    // one per peer is the rule, each peer's second best, and so on, while slots remain
    // (homa_grant_find_victim: a peer with more active messages gives up a slot first).
    // Each check scans the active list (at most MaxOvercommit entries).
    std::vector<Ptr<HomaRpc>> active;
    for (uint32_t round = 0; active.size() < m_config.maxOvercommit; ++round)
    {
        size_t before = active.size();
        for (const auto& rpc : m_rpcs)
        {
            if (active.size() >= m_config.maxOvercommit)
            {
                break;
            }
            uint32_t fromPeer = 0;
            bool taken = false;
            for (const auto& a : active)
            {
                taken = taken || a == rpc;
                fromPeer += a->m_peer == rpc->m_peer ? 1 : 0;
            }
            if (!taken && fromPeer == round)
            {
                active.push_back(rpc);
            }
        }
        if (active.size() == before || m_config.onePerPeer)
        {
            break;
        }
    }
    if (!m_config.onePerPeer)
    {
        // Ranks are by SRPT among the active messages, whatever their peers.
        std::stable_sort(active.begin(),
                         active.end(),
                         [](const Ptr<HomaRpc>& a, const Ptr<HomaRpc>& b) {
                             uint32_t ra = a->m_in->GetBytesRemaining();
                             uint32_t rb = b->m_in->GetBytesRemaining();
                             return ra != rb ? ra < rb : a->m_inSequence < b->m_inSequence;
                         });
    }
    m_numActive = static_cast<uint32_t>(active.size());
    m_window = m_config.window != 0 ? m_config.window : m_config.maxIncoming / (m_numActive + 1);

    // What the budget has left: every listed message's incoming bytes count, active or not.
    uint64_t total = GetTotalIncoming();
    uint64_t available = total < m_config.maxIncoming ? m_config.maxIncoming - total : 0;

    int maxSched = m_config.maxSchedPriority;
    int shift = std::max(0, maxSched + 1 - static_cast<int>(active.size()));
    // No message is granted above a level at which a better-ranked message still has bytes
    // on their way: its packets would overtake them at the switch. Such a message and those
    // ranked below it wait until those bytes are in.
    uint8_t cap = m_config.maxSchedPriority;
    // The tail boost may reach the unscheduled levels; it too stays at or below the lowest
    // level at which a better-ranked message has bytes pending.
    auto boostCap = static_cast<uint8_t>(HomaWire::NUM_PRIORITIES - 1);
    bool sent = false;
    for (size_t rank = 0; rank < active.size() && available > 0; ++rank)
    {
        HomaInboundMessage& in = *active[rank]->m_in;
        uint8_t ceiling = cap;
        uint8_t boostCeiling = boostCap;
        cap = in.GetLowestPendingPriority(cap);
        boostCap = in.GetLowestPendingPriority(boostCap);
        uint32_t granted = in.GetGranted();
        auto target = static_cast<uint32_t>(
            std::min<uint64_t>(in.GetLength(), uint64_t(in.GetReceived()) + m_window));
        if (target <= granted)
        {
            continue; // a full window already granted (or fully granted)
        }
        target = static_cast<uint32_t>(std::min<uint64_t>(target, granted + available));
        if (target - granted < m_config.grantIncrement && target != in.GetLength())
        {
            continue; // too small to be worth a packet
        }
        auto priority =
            static_cast<uint8_t>(std::max(0, maxSched - static_cast<int>(rank) - shift));
        if (m_config.inOrder && priority > ceiling)
        {
            // A better-ranked message has bytes pending below this message's level: wait for
            // them (granting lower would mix this message's bytes with worse-ranked ones).
            break;
        }
        if (m_config.boostTailBytes > 0)
        {
            // The paper's simulator (PriorityResolver::getSchedPktPrio): once the bytes a
            // message has left to grant take fewer than boostTailBytes on the wire, its grant
            // carries their unscheduled level if that is higher.
            uint32_t left = in.GetLength() - granted;
            if (HomaWire::WireBytes(left, m_config.maxPayload) < m_config.boostTailBytes)
            {
                uint8_t tail = HomaCutoffs::UnscheduledPriority(m_config.cutoffs,
                                                                left,
                                                                m_config.numPriorities);
                priority =
                    std::max(priority, m_config.boostCeiling ? std::min(tail, boostCeiling) : tail);
            }
        }
        in.SetGranted(target);
        in.SetGrantPriority(priority);
        in.RecordGrant(granted, target, priority);
        cap = std::min(cap, priority);
        boostCap = std::min(boostCap, priority);
        available -= target - granted;
        total += target - granted;
        sent = true;
        if (!m_sendGrant.IsNull())
        {
            m_sendGrant(active[rank], target, priority);
        }
    }
    if (sent)
    {
        total += CheckFifo(); // the FIFO grant goes beyond the budget, as in the kernel
    }
    m_totalAfterUpdate = total;
    return m_numActive;
}

} // namespace ns3
