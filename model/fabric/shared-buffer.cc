/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "shared-buffer.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SharedBuffer");

NS_OBJECT_ENSURE_REGISTERED(SharedBuffer);

TypeId
SharedBuffer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SharedBuffer")
            .SetParent<Object>()
            .SetGroupName("Fabric")
            .AddConstructor<SharedBuffer>()
            .AddAttribute("Size",
                          "Bytes of the pool. Default: the 13.2 MB egress pool of the Mellanox "
                          "SN2410 behind the Linux Homa measurements.",
                          UintegerValue(13200000),
                          MakeUintegerAccessor(&SharedBuffer::m_size),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute(
                "Policy",
                "DynamicThreshold (per queue: below alpha x the free buffer) or "
                "Static (per port: below PortLimit).",
                EnumValue(DYNAMIC_THRESHOLD),
                NS3_COMPAT_MAKE_ENUM_ACCESSOR(SharedBuffer::Policy, &SharedBuffer::m_policy),
                MakeEnumChecker(DYNAMIC_THRESHOLD, "DynamicThreshold", STATIC, "Static"))
            .AddAttribute("Alphas",
                          "DynamicThreshold: eight alphas, priority level 0 first (a queue "
                          "may hold alpha x the free buffer).",
                          StringValue("1 1 1 1 1 1 1 1"),
                          MakeStringAccessor(&SharedBuffer::SetAlphas, &SharedBuffer::GetAlphas),
                          MakeStringChecker())
            .AddAttribute("PortLimit",
                          "Static: bytes each port may hold, all levels together.",
                          UintegerValue(200000),
                          MakeUintegerAccessor(&SharedBuffer::m_portLimit),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("HistogramBin",
                          "Bytes per bin of the time-weighted occupancy histogram "
                          "(GetOccupancyQuantile).",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&SharedBuffer::m_bin),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("Occupancy",
                            "Bytes the pool holds.",
                            MakeTraceSourceAccessor(&SharedBuffer::m_occupancy),
                            "ns3::TracedValueCallback::Uint64")
            .AddTraceSource("Drop",
                            "A packet was refused: port, level, bytes, cause (0 pool full, 1 "
                            "threshold, 2 port limit).",
                            MakeTraceSourceAccessor(&SharedBuffer::m_dropTrace),
                            "ns3::SharedBuffer::DropTracedCallback");
    return tid;
}

SharedBuffer::SharedBuffer()
    : m_size(13200000),
      m_policy(DYNAMIC_THRESHOLD),
      m_portLimit(200000),
      m_occupancy(0),
      m_bin(1500)
{
    m_alpha.fill(1);
}

SharedBuffer::~SharedBuffer() = default;

void
SharedBuffer::SetAlphas(std::string text)
{
    std::istringstream in(text);
    std::array<double, NUM_LEVELS> alpha{};
    for (uint32_t i = 0; i < NUM_LEVELS; ++i)
    {
        NS_ABORT_MSG_UNLESS(in >> alpha[i] && alpha[i] > 0,
                            "SharedBuffer Alphas: eight positive numbers, level 0 first (got \""
                                << text << "\")");
    }
    std::string rest;
    NS_ABORT_MSG_IF(in >> rest,
                    "SharedBuffer Alphas: more than eight numbers in \"" << text << "\"");
    m_alpha = alpha;
}

std::string
SharedBuffer::GetAlphas() const
{
    std::ostringstream out;
    for (uint32_t i = 0; i < NUM_LEVELS; ++i)
    {
        out << (i ? " " : "") << m_alpha[i];
    }
    return out.str();
}

uint32_t
SharedBuffer::AddPort()
{
    m_ports.emplace_back();
    return static_cast<uint32_t>(m_ports.size() - 1);
}

uint32_t
SharedBuffer::GetNPorts() const
{
    return static_cast<uint32_t>(m_ports.size());
}

void
SharedBuffer::CheckPort(uint32_t port) const
{
    NS_ABORT_MSG_UNLESS(port < m_ports.size(),
                        "SharedBuffer: port " << port << " of " << m_ports.size()
                                              << " (AddPort first)");
}

void
SharedBuffer::Refuse(uint32_t port, uint8_t level, uint32_t bytes, Cause cause)
{
    ++m_ports[port].drops[level][cause];
    ++m_drops;
    NS_LOG_LOGIC("drop port " << port << " level " << +level << " " << bytes << " B cause " << cause
                              << ", pool " << m_occupancy.Get() << "/" << m_size);
    m_dropTrace(port, level, bytes, cause);
}

bool
SharedBuffer::Admit(uint32_t port, uint8_t level, uint32_t bytes)
{
    CheckPort(port);
    level = std::min<uint8_t>(level, NUM_LEVELS - 1);
    Port& p = m_ports[port];
    uint64_t held = m_occupancy.Get();
    if (held + bytes > m_size)
    {
        Refuse(port, level, bytes, POOL_FULL);
        return false;
    }
    if (m_policy == DYNAMIC_THRESHOLD)
    {
        // Choudhury-Hahne: a queue at or above alpha x (free buffer) takes no arrivals.
        if (static_cast<double>(p.bytes[level]) >=
            m_alpha[level] * static_cast<double>(m_size - held))
        {
            Refuse(port, level, bytes, THRESHOLD);
            return false;
        }
    }
    else if (p.total + bytes > m_portLimit)
    {
        Refuse(port, level, bytes, PORT_LIMIT);
        return false;
    }
    Account();
    p.bytes[level] += bytes;
    p.total += bytes;
    p.peak = std::max(p.peak, p.total);
    m_occupancy = held + bytes;
    m_peak = std::max(m_peak, held + bytes);
    m_peakSinceReset = std::max(m_peakSinceReset, held + bytes);
    return true;
}

void
SharedBuffer::Release(uint32_t port, uint8_t level, uint32_t bytes)
{
    CheckPort(port);
    level = std::min<uint8_t>(level, NUM_LEVELS - 1);
    Port& p = m_ports[port];
    NS_ABORT_MSG_IF(p.bytes[level] < bytes,
                    "SharedBuffer: port " << port << " level " << +level << " releases " << bytes
                                          << " B but holds " << p.bytes[level]);
    Account();
    p.bytes[level] -= bytes;
    p.total -= bytes;
    m_occupancy = m_occupancy.Get() - bytes;
}

void
SharedBuffer::Account()
{
    Time now = Simulator::Now();
    size_t bin = m_occupancy.Get() / m_bin;
    if (bin >= m_timeAt.size())
    {
        m_timeAt.resize(bin + 1, 0);
    }
    m_timeAt[bin] += (now - m_lastChange).GetNanoSeconds();
    m_lastChange = now;
}

void
SharedBuffer::ResetStatistics()
{
    m_timeAt.assign(m_timeAt.size(), 0);
    m_lastChange = Simulator::Now();
    m_peakSinceReset = m_occupancy.Get();
}

uint64_t
SharedBuffer::GetPeakSinceReset() const
{
    return m_peakSinceReset;
}

uint64_t
SharedBuffer::GetOccupancyQuantile(double q) const
{
    // The time since the last change counts at the current occupancy.
    std::vector<int64_t> timeAt = m_timeAt;
    size_t current = m_occupancy.Get() / m_bin;
    if (current >= timeAt.size())
    {
        timeAt.resize(current + 1, 0);
    }
    timeAt[current] += (Simulator::Now() - m_lastChange).GetNanoSeconds();
    int64_t total = 0;
    for (int64_t t : timeAt)
    {
        total += t;
    }
    if (total == 0)
    {
        return 0;
    }
    int64_t seen = 0;
    for (size_t bin = 0; bin < timeAt.size(); ++bin)
    {
        seen += timeAt[bin];
        if (static_cast<double>(seen) >= q * static_cast<double>(total))
        {
            return static_cast<uint64_t>(bin + 1) * m_bin; // the bin's upper edge
        }
    }
    return static_cast<uint64_t>(timeAt.size()) * m_bin;
}

uint64_t
SharedBuffer::GetSize() const
{
    return m_size;
}

uint64_t
SharedBuffer::GetOccupancy() const
{
    return m_occupancy.Get();
}

uint64_t
SharedBuffer::GetPeakOccupancy() const
{
    return m_peak;
}

uint64_t
SharedBuffer::GetPortOccupancy(uint32_t port) const
{
    CheckPort(port);
    return m_ports[port].total;
}

uint64_t
SharedBuffer::GetPortPeak(uint32_t port) const
{
    CheckPort(port);
    return m_ports[port].peak;
}

uint64_t
SharedBuffer::GetQueueOccupancy(uint32_t port, uint8_t level) const
{
    CheckPort(port);
    return m_ports[port].bytes[std::min<uint8_t>(level, NUM_LEVELS - 1)];
}

uint64_t
SharedBuffer::GetThreshold(uint8_t level) const
{
    return static_cast<uint64_t>(m_alpha[std::min<uint8_t>(level, NUM_LEVELS - 1)] *
                                 static_cast<double>(m_size - m_occupancy.Get()));
}

uint64_t
SharedBuffer::GetDrops(uint32_t port, uint8_t level, Cause cause) const
{
    CheckPort(port);
    return m_ports[port].drops[std::min<uint8_t>(level, NUM_LEVELS - 1)][cause];
}

uint64_t
SharedBuffer::GetTotalDrops() const
{
    return m_drops;
}

} // namespace ns3
