/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-peer.h"

#include "homa-cutoffs.h"

#include "ns3/net-device.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <limits>

namespace ns3
{

HomaPeer::HomaPeer(Ipv4Address address)
    : m_address(address),
      m_cutoffVersion(0),
      m_lastCutoffsSent(Time::Min()),
      m_lastHeard(Time::Min()),
      m_lastUsed(Simulator::Now()),
      m_mtu(0)
{
    // Until the peer sends CUTOFFS: level 7 unused, everything else at 6 (as Linux does).
    m_cutoffs.fill(std::numeric_limits<uint32_t>::max());
    m_cutoffs[7] = 0;
}

Ipv4Address
HomaPeer::GetAddress() const
{
    return m_address;
}

uint8_t
HomaPeer::UnscheduledPriority(uint32_t length, uint8_t numPriorities) const
{
    return HomaCutoffs::UnscheduledPriority(m_cutoffs, length, numPriorities);
}

void
HomaPeer::SetCutoffs(const HomaCutoffs::Array& cutoffs, uint16_t version)
{
    m_cutoffs = cutoffs;
    m_cutoffVersion = version;
}

const HomaCutoffs::Array&
HomaPeer::GetCutoffs() const
{
    return m_cutoffs;
}

uint16_t
HomaPeer::GetCutoffVersion() const
{
    return m_cutoffVersion;
}

void
HomaPeer::AddAck(const HomaAck& ack)
{
    m_acks.push_back(ack);
}

HomaAck
HomaPeer::TakeAck()
{
    if (m_acks.empty())
    {
        return HomaAck();
    }
    HomaAck ack = m_acks.back();
    m_acks.pop_back();
    return ack;
}

std::vector<HomaAck>
HomaPeer::TakeAcks()
{
    size_t n = std::min<size_t>(m_acks.size(), HomaAckHeader::MAX_ACKS);
    std::vector<HomaAck> taken(m_acks.end() - n, m_acks.end());
    m_acks.resize(m_acks.size() - n);
    return taken;
}

size_t
HomaPeer::GetPendingAcks() const
{
    return m_acks.size();
}

void
HomaPeer::SetRoute(Ptr<Ipv4Route> route, uint32_t mtu)
{
    m_route = route;
    m_mtu = mtu;
}

Ptr<Ipv4Route>
HomaPeer::GetRoute() const
{
    return m_route;
}

uint32_t
HomaPeer::GetMtu() const
{
    return m_mtu;
}

Time
HomaPeer::GetLastHeard() const
{
    return m_lastHeard;
}

void
HomaPeer::SetLastHeard(Time t)
{
    m_lastHeard = t;
}

Time
HomaPeer::GetLastUsed() const
{
    return m_lastUsed;
}

void
HomaPeer::SetLastUsed(Time t)
{
    m_lastUsed = t;
}

void
HomaPeer::AddRttSample(Time rtt)
{
    if (rtt.IsStrictlyPositive() && (m_minRtt.IsZero() || rtt < m_minRtt))
    {
        m_minRtt = rtt;
    }
}

Time
HomaPeer::GetMinRtt() const
{
    return m_minRtt;
}

Time
HomaPeer::GetLastCutoffsSent() const
{
    return m_lastCutoffsSent;
}

void
HomaPeer::SetLastCutoffsSent(Time t)
{
    m_lastCutoffsSent = t;
}

HomaPeer&
HomaPeerTable::Get(Ipv4Address address)
{
    auto it = m_peers.find(address.Get());
    if (it == m_peers.end())
    {
        it = m_peers.emplace(address.Get(), HomaPeer(address)).first;
    }
    it->second.SetLastUsed(Simulator::Now());
    return it->second;
}

Time
HomaPeerTable::IdleLimit(Time idleMin, Time idleMax, size_t threshold) const
{
    return m_peers.size() >= threshold ? std::min(idleMin, idleMax) : idleMax;
}

bool
HomaPeerTable::HasIdle(Time idleMin, Time idleMax, size_t threshold) const
{
    Time now = Simulator::Now();
    Time limit = IdleLimit(idleMin, idleMax, threshold);
    for (const auto& [addr, peer] : m_peers)
    {
        if (now - peer.GetLastUsed() >= limit)
        {
            return true;
        }
    }
    return false;
}

size_t
HomaPeerTable::Collect(Time idleMin,
                       Time idleMax,
                       size_t threshold,
                       const std::unordered_set<uint32_t>& inUse)
{
    Time now = Simulator::Now();
    Time limit = IdleLimit(idleMin, idleMax, threshold);
    size_t removed = 0;
    for (auto it = m_peers.begin(); it != m_peers.end();)
    {
        if (now - it->second.GetLastUsed() >= limit && inUse.count(it->first) == 0 &&
            it->second.GetPendingAcks() == 0)
        {
            it = m_peers.erase(it);
            ++removed;
        }
        else
        {
            ++it;
        }
    }
    return removed;
}

size_t
HomaPeerTable::GetSize() const
{
    return m_peers.size();
}

size_t
HomaPeerTable::GetPendingAcks() const
{
    size_t n = 0;
    for (const auto& [addr, peer] : m_peers)
    {
        n += peer.GetPendingAcks();
    }
    return n;
}

} // namespace ns3
