/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "wire-queue-limits.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WireQueueLimits");

NS_OBJECT_ENSURE_REGISTERED(WireQueueLimits);

TypeId
WireQueueLimits::GetTypeId()
{
    static TypeId tid = TypeId("ns3::WireQueueLimits")
                            .SetParent<QueueLimits>()
                            .SetGroupName("Fabric")
                            .AddConstructor<WireQueueLimits>();
    return tid;
}

WireQueueLimits::WireQueueLimits()
    : m_inDevice(0)
{
}

void
WireQueueLimits::Reset()
{
    m_inDevice = 0;
}

void
WireQueueLimits::Completed(uint32_t count)
{
    // The device took the packet from its queue to transmit it: still busy.
}

int32_t
WireQueueLimits::Available() const
{
    return m_inDevice > 0 ? -1 : 0;
}

void
WireQueueLimits::Queued(uint32_t count)
{
    ++m_inDevice;
}

void
WireQueueLimits::TransmissionEnded()
{
    NS_LOG_FUNCTION(this << m_inDevice);
    if (m_inDevice > 0)
    {
        --m_inDevice;
    }
}

uint32_t
WireQueueLimits::GetInDevice() const
{
    return m_inDevice;
}

} // namespace ns3
