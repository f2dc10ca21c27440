/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-nic-queue.h"

#include "homa-header.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaNicQueue");

NS_OBJECT_ENSURE_REGISTERED(HomaNicQueue);

TypeId
HomaNicQueue::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaNicQueue<Packet>") // helpers append <Packet>
            .SetParent<PriorityDeviceQueue>()
            .SetGroupName("Homa")
            .AddConstructor<HomaNicQueue>()
            .AddAttribute(
                "ControlFirst",
                "Send Homa's control packets (every type but DATA) before all "
                "levels.",
                BooleanValue(true),
                MakeBooleanAccessor(&HomaNicQueue::SetControlFirst, &HomaNicQueue::GetControlFirst),
                MakeBooleanChecker());
    return tid;
}

HomaNicQueue::HomaNicQueue()
    : m_controlFirst(true)
{
    SetCheckUrgent(true);
}

HomaNicQueue::~HomaNicQueue() = default;

void
HomaNicQueue::SetControlFirst(bool on)
{
    m_controlFirst = on;
    SetCheckUrgent(on);
}

bool
HomaNicQueue::GetControlFirst() const
{
    return m_controlFirst;
}

bool
HomaNicQueue::IsUrgent(uint8_t protocol, const uint8_t* payload, uint32_t size) const
{
    return protocol == HomaWire::PROTOCOL && HomaCommonHeader::IsControl(payload, size);
}

} // namespace ns3
