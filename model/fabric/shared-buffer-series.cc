/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "shared-buffer-series.h"

#include "ns3/abort.h"
#include "ns3/callback.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SharedBufferSeries");

SharedBufferSeries::SharedBufferSeries(Time interval)
    : m_interval(interval)
{
    NS_ABORT_MSG_UNLESS(interval.IsStrictlyPositive(),
                        "SharedBufferSeries: the interval must be positive");
}

void
SharedBufferSeries::Add(const std::string& name, Ptr<SharedBuffer> buffer)
{
    NS_ABORT_MSG_UNLESS(buffer, "SharedBufferSeries::Add: no buffer");
    m_names.push_back(name);
    m_pools.push_back(Pool{this, {}, buffer->GetOccupancy()});
    buffer->TraceConnectWithoutContext(
        "Occupancy",
        MakeBoundCallback(&SharedBufferSeries::Changed, &m_pools.back()));
}

void
SharedBufferSeries::Changed(Pool* p, uint64_t, uint64_t now)
{
    size_t bin = Simulator::Now().GetTimeStep() / p->series->m_interval.GetTimeStep();
    if (p->most.size() <= bin)
    {
        p->most.resize(bin + 1, p->now); // quiet intervals held the last value
    }
    p->most[bin] = std::max(p->most[bin], now);
    p->now = now;
}

std::vector<uint64_t>
SharedBufferSeries::GetMost(size_t i, Time end) const
{
    NS_ABORT_MSG_UNLESS(i < m_pools.size(), "SharedBufferSeries::GetMost: no buffer " << i);
    const Pool& p = m_pools[i];
    size_t bins = end.GetTimeStep() / m_interval.GetTimeStep() + 1;
    std::vector<uint64_t> most(bins, p.now); // after its last change a buffer holds that
    std::copy_n(p.most.begin(), std::min(bins, p.most.size()), most.begin());
    return most;
}

void
SharedBufferSeries::Write(std::ostream& os, Time end) const
{
    os << "time_ms";
    for (const std::string& n : m_names)
    {
        os << "," << n;
    }
    os << "\n";
    std::vector<std::vector<uint64_t>> columns;
    for (size_t i = 0; i < m_pools.size(); ++i)
    {
        columns.push_back(GetMost(i, end));
    }
    size_t bins = end.GetTimeStep() / m_interval.GetTimeStep() + 1;
    for (size_t b = 0; b < bins; ++b)
    {
        os << (m_interval * b).GetSeconds() * 1e3;
        for (const auto& column : columns)
        {
            os << "," << column[b];
        }
        os << "\n";
    }
}

} // namespace ns3
