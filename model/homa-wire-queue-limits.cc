/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-wire-queue-limits.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaWireQueueLimits");

NS_OBJECT_ENSURE_REGISTERED(HomaWireQueueLimits);

TypeId
HomaWireQueueLimits::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaWireQueueLimits")
                            .SetParent<QueueLimits>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaWireQueueLimits>();
    return tid;
}

HomaWireQueueLimits::HomaWireQueueLimits()
    : m_inDevice(0)
{
}

void
HomaWireQueueLimits::Reset()
{
    m_inDevice = 0;
}

void
HomaWireQueueLimits::Completed(uint32_t count)
{
    // The device took the packet from its queue to transmit it: still busy.
}

int32_t
HomaWireQueueLimits::Available() const
{
    return m_inDevice > 0 ? -1 : 0;
}

void
HomaWireQueueLimits::Queued(uint32_t count)
{
    ++m_inDevice;
}

void
HomaWireQueueLimits::TransmissionEnded()
{
    NS_LOG_FUNCTION(this << m_inDevice);
    if (m_inDevice > 0)
    {
        --m_inDevice;
    }
}

uint32_t
HomaWireQueueLimits::GetInDevice() const
{
    return m_inDevice;
}

} // namespace ns3
